package dev.pipglr.setup.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pipglr.setup.logs.LogLine;
import dev.pipglr.setup.podman.Podman;
import dev.pipglr.setup.podman.PodmanUnavailableException;
import dev.pipglr.setup.ui.logs.LogView;
import dev.pipglr.setup.ui.logs.LogViewModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The live log view fed at full speed from another thread, as the follower does. */
@ExtendWith(ApplicationExtension.class)
@Tag("gui")
class LogViewTest {

    private final ExecutorService background = Executors.newSingleThreadExecutor();
    private LogViewModel viewModel;

    private LogView view;
    private final List<Throwable> fxFailures = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** A podman that only has a stored log (nothing to follow): enough for "Save full log...". */
    private static Podman podmanWithLog(String text) {
        return (Podman) java.lang.reflect.Proxy.newProxyInstance(
                Podman.class.getClassLoader(),
                new Class<?>[] {Podman.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "logs" -> text;
                    case "container" -> java.util.Optional.empty();
                    case "close" -> null;
                    default -> throw new PodmanUnavailableException(List.of());
                });
    }

    @Start
    void start(Stage stage) throws IOException {
        viewModel = new LogViewModel(
                () -> podmanWithLog("one\ntwo\nthree\n"),
                background,
                Platform::runLater,
                LogViewModel.DEFAULT_CAPACITY);
        FXMLLoader loader = new FXMLLoader(LogView.class.getResource("LogView.fxml"));
        loader.setControllerFactory(type -> view = new LogView(viewModel));
        Thread.currentThread().setUncaughtExceptionHandler((thread, failure) -> fxFailures.add(failure));
        Parent root = loader.load();
        Scene scene = new Scene(root, 900, 600);
        scene.getStylesheets()
                .add(LogView.class
                        .getResource("/dev/pipglr/setup/ui/common/pipglr.css")
                        .toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void stop() {
        viewModel.stop();
        background.shutdownNow();
    }

    /** Clicks "Save full log..." with {@code target} chosen; returns the status once it starts with {@code outcome}. */
    private String saveTo(FxRobot robot, Path target, String outcome) throws Exception {
        robot.interact(() -> {
            viewModel.follow("pipglr");
            view.chooseSaveTargetWith(window -> java.util.Optional.of(target));
        });
        robot.clickOn("#saveFullLog");
        Label status = robot.lookup("#logStatus").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> status.getText().startsWith(outcome));
        return status.getText();
    }

    @Test
    void saveFullLogWritesTheFileAndSaysSoWithoutAnErrorOnTheFxThread(FxRobot robot, @TempDir Path dir)
            throws Exception {
        Path target = dir.resolve("pipglr.log");

        String said = saveTo(robot, target, "Saved");

        assertEquals("Saved 3 lines to " + target + ".", said);
        assertEquals("one\ntwo\nthree\n", Files.readString(target));
        assertEquals(List.of(), fxFailures, "nothing thrown on the JavaFX thread");
    }

    @Test
    void aFolderThatIsNotThereIsNamedWhenSavingFails(FxRobot robot, @TempDir Path dir) throws Exception {
        Path target = dir.resolve("gone").resolve("pipglr.log");

        String said = saveTo(robot, target, "Could not");

        assertEquals("Could not save the log: " + target + " does not exist (or its folder does not)", said);
        assertEquals(List.of(), fxFailures);
    }

    private void stream(int count) {
        Thread feeder = new Thread(() -> {
            List<LogLine> batch = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                batch.add(
                        new LogLine(i, false, i % 5000 == 0 ? "WARNING: line " + i : "Checking for jobs... line " + i));
                if (batch.size() == 500) {
                    viewModel.listener().lines(batch);
                    batch = new ArrayList<>();
                }
            }
            viewModel.listener().lines(batch);
        });
        feeder.start();
    }

    @Test
    void twoHundredThousandLinesStreamInBatchesAndTheNewestAreKept(FxRobot robot) throws Exception {
        stream(200_000);

        WaitForAsyncUtils.waitFor(
                60,
                TimeUnit.SECONDS,
                () -> viewModel.shown().size() + viewModel.droppedProperty().get() == 200_000);
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(LogViewModel.DEFAULT_CAPACITY, viewModel.shown().size(), "bounded to the capacity");
        assertEquals(100_000, viewModel.droppedProperty().get());
        assertEquals(100_001, viewModel.shown().get(0).number(), "the newest lines are kept, in order");
        assertTrue(robot.lookup("#logDropped")
                .queryAs(Label.class)
                .getText()
                .startsWith("100000 older lines are not shown"));
    }

    /**
     * The log page off screen (another step shown) while lines arrive: the view must not lay out its list there,
     * which made Modena log "ClassCastException ... -fx-background-color from rule *.list-cell" by the hundred;
     * back on screen it shows the newest line.
     */
    @Test
    void linesArrivingWhileThePageIsOffScreenLogNoStyleWarningsAndTheTailIsShownOnReturn(FxRobot robot)
            throws Exception {
        try (CssWarnings cssWarnings = CssWarnings.collect()) {
            @SuppressWarnings("unchecked")
            ListView<LogLine> list = robot.lookup("#logList").queryAs(ListView.class);
            Scene scene = list.getScene();
            Parent page = scene.getRoot();
            robot.interact(() -> scene.setRoot(new javafx.scene.layout.StackPane(new Label("another step"))));

            stream(3_000);
            WaitForAsyncUtils.waitFor(
                    30, TimeUnit.SECONDS, () -> viewModel.shown().size() == 3_000);
            Thread.sleep(500); // a few of the view's pump pulses with the page off screen
            WaitForAsyncUtils.waitForFxEvents();
            assertEquals(List.of(), cssWarnings.seen(), "no style warnings while off screen");

            robot.interact(() -> scene.setRoot(page));
            WaitForAsyncUtils.waitForFxEvents();
            assertTrue(
                    robot.lookup(".list-cell").queryAllAs(javafx.scene.control.ListCell.class).stream()
                            .anyMatch(cell -> cell.getItem() instanceof LogLine line
                                    && line.number() == 3_000
                                    && cell.isVisible()),
                    "the newest line is shown when the page comes back");
            assertEquals(List.of(), cssWarnings.seen());
        }
    }

    /** 3000 lines, every tenth a warning, shown (with the newest at the bottom while following). */
    private ListView<LogLine> showThreeThousandLines(FxRobot robot) throws Exception {
        List<LogLine> lines = new ArrayList<>();
        for (int i = 1; i <= 3_000; i++) {
            lines.add(new LogLine(i, false, i % 10 == 0 ? "WARNING: line " + i : "Checking for jobs... line " + i));
        }
        viewModel.listener().lines(lines);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> viewModel.shown().size() == 3_000);
        settle();
        @SuppressWarnings("unchecked")
        ListView<LogLine> list = robot.lookup("#logList").queryAs(ListView.class);
        return list;
    }

    /** A few of the view's pump and layout pulses. */
    private static void settle() {
        WaitForAsyncUtils.sleep(400, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The numbers of the lines whose cells are drawn inside the list's viewport, top to bottom. */
    private static List<Long> linesInView(ListView<LogLine> list) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
                    javafx.scene.control.skin.VirtualFlow<?> flow =
                            (javafx.scene.control.skin.VirtualFlow<?>) list.lookup(".virtual-flow");
                    List<Long> numbers = new ArrayList<>();
                    javafx.scene.control.IndexedCell<?> first = flow.getFirstVisibleCell();
                    javafx.scene.control.IndexedCell<?> last = flow.getLastVisibleCell();
                    if (first == null || last == null) {
                        return numbers;
                    }
                    for (int index = first.getIndex(); index <= last.getIndex(); index++) {
                        numbers.add(list.getItems().get(index).number());
                    }
                    return numbers;
                })
                .get(10, TimeUnit.SECONDS);
    }

    /** Types into the filter with the mouse resting on the list, as a user does who just read it. */
    private static void typeFilterWithTheMouseOnTheList(FxRobot robot, String text) {
        robot.clickOn("#logFilter");
        robot.moveTo("#logList");
        robot.push(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.A);
        if (text.isEmpty()) {
            robot.push(javafx.scene.input.KeyCode.BACK_SPACE);
        } else {
            robot.write(text);
        }
        settle();
    }

    @Test
    void whileFollowingAChangedFilterShowsTheNewestMatchingLine(FxRobot robot) throws Exception {
        ListView<LogLine> list = showThreeThousandLines(robot);
        assertTrue(linesInView(list).contains(3_000L), "following: the newest line is shown");

        typeFilterWithTheMouseOnTheList(robot, "WARNING");

        List<Long> shown = linesInView(list);
        assertEquals(300, list.getItems().size());
        assertTrue(shown.contains(3_000L), "the newest matching line stays in view, not the list's top: " + shown);
        assertTrue(viewModel.followTailProperty().get(), "still following");

        typeFilterWithTheMouseOnTheList(robot, "");

        assertTrue(linesInView(list).contains(3_000L), "the filter cleared: the newest line still in view");
        assertTrue(viewModel.followTailProperty().get(), "still following");
    }

    @Test
    void notFollowingAChangedFilterKeepsTheLineTheUserReads(FxRobot robot) throws Exception {
        ListView<LogLine> list = showThreeThousandLines(robot);
        robot.interact(() -> {
            viewModel.followTailProperty().set(false);
            list.scrollTo(1_502); // line 1503 at the top
        });
        settle();
        assertEquals(1_503L, linesInView(list).get(0));

        typeFilterWithTheMouseOnTheList(robot, "WARNING");

        assertEquals(1_510L, linesInView(list).get(0), "line 1503 does not match: the next one that does is on top");
        assertFalse(viewModel.followTailProperty().get(), "still reading further up");

        typeFilterWithTheMouseOnTheList(robot, "");

        assertEquals(1_510L, linesInView(list).get(0), "all lines again, the one read still on top");
        assertFalse(viewModel.followTailProperty().get());
    }

    @Test
    void filteringByTextAndRegexWhileStreaming(FxRobot robot) throws Exception {
        stream(50_000);
        robot.clickOn("#logFilter").write("WARNING");
        // lines arrive in order: the tenth WARNING line is the last one of the stream
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> viewModel.shown().size() == 10);
        WaitForAsyncUtils.waitForFxEvents();

        @SuppressWarnings("unchecked")
        ListView<LogLine> list = robot.lookup("#logList").queryAs(ListView.class);
        assertEquals(10, list.getItems().size(), "one WARNING line in 5000");

        robot.clickOn("#logRegex");
        robot.interact(() -> viewModel.filterProperty().set("line (4999|5000)$"));
        assertEquals(
                List.of(4999L, 5000L),
                list.getItems().stream().map(LogLine::number).toList());

        robot.interact(() -> viewModel.filterProperty().set("line ("));
        assertTrue(robot.lookup("#logFilterProblem")
                .queryAs(Label.class)
                .getText()
                .startsWith("Not a valid regular expression"));

        LogLine timed = new LogLine(1, false, "hello", java.time.Instant.parse("2026-11-28T10:15:30.250Z"));
        assertEquals("hello", viewModel.display(timed));
        robot.clickOn("#showTimestamps");
        assertTrue(viewModel.display(timed).matches("\\d\\d:\\d\\d:30\\.250  hello"), viewModel.display(timed));
    }
}
