package dev.pipglr.setup.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pipglr.setup.host.DesktopColorScheme;
import dev.pipglr.setup.logs.LogLine;
import dev.pipglr.setup.ui.logs.LogViewModel;
import dev.pipglr.setup.ui.wizard.StepNavigation;
import dev.pipglr.setup.ui.wizard.WizardViewModel;
import dev.pipglr.setup.wizard.StepStatus;
import dev.pipglr.setup.wizard.Steps;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Every text the window draws, on every page, in both colour schemes, at 1024x640 and 1280x800, against what is
 * drawn behind it: WCAG 2.1 AA, 4.5:1 (3:1 for large text: 24 px, or 18.67 px bold). Labels, values, buttons,
 * placeholders, list rows and step 4's editor with each highlight class. The colour behind a text is read from a
 * rendering of the scene with the texts made transparent; the text's colour is its fill with the opacity of it and
 * its ancestors (disabled controls are drawn at 40 %), blended over that background. Disabled controls are
 * exempt in WCAG (an inactive component) and are reported apart, not failed.
 */
@Tag("gui")
class ContrastTest {

    private static final String CONFIG = """
            # jobs at once
            concurrent = 3
            check_interval = 3
            log_level = "warn"

            [[runners]]
              name = "pipglr-1"
              url = "https://gitlab.com/"
              token = "glrt-verysecret"
              executor = "docker"
              limit = 2
              [runners.docker]
                privileged = false
            """;

    private final ExecutorService background = Executors.newSingleThreadExecutor();
    private Stage stage;

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
        background.shutdownNow();
    }

    private WizardViewModel open(DesktopColorScheme scheme, int width, int height) throws Exception {
        WizardViewModel viewModel = OfflineWizard.viewModel(StepStatus.TODO, background);
        stage = OfflineWizard.show(viewModel, width, height, scheme);
        return viewModel;
    }

    @ParameterizedTest(name = "{0} {1}x{2}")
    @CsvSource({"LIGHT, 1024, 640", "DARK, 1024, 640", "LIGHT, 1280, 800", "DARK, 1280, 800"})
    void everyTextOnEveryPageIsReadable(DesktopColorScheme scheme, int width, int height) throws Exception {
        WizardViewModel viewModel = open(scheme, width, height);
        FxRobot robot = new FxRobot();
        List<String> unreadable = new ArrayList<>();
        Set<String> disabled = new LinkedHashSet<>();
        int checked = 0;
        for (int index = 0; index < Steps.standard().size(); index++) {
            int chosen = index;
            robot.interact(() ->
                    robot.lookup("#stepList").queryAs(StepNavigation.class).select(chosen));
            if (Steps.standard().get(index).equals(Steps.CONFIG)) {
                robot.interact(() -> viewModel.config().open(CONFIG)); // the editor with every highlight class
            }
            if (Steps.standard().get(index).equals(Steps.START)) {
                OfflineWizard.openSecurityReview(robot); // its findings and links
            }
            WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS); // the page's own reads (podman is away here)
            WaitForAsyncUtils.waitForFxEvents();
            Check result = checkScrolledThrough(robot, stage, scheme + " " + width + "x" + height + " step " + index);
            unreadable.addAll(result.unreadable());
            disabled.addAll(result.disabled());
            checked += result.checked();
        }
        System.out.println("contrast " + scheme + " " + width + "x" + height + ": " + checked + " texts checked; "
                + disabled.size() + " on disabled controls (exempt): " + disabled);
        assertTrue(checked > 100, "the check saw the pages' texts: " + checked);
        assertEquals(List.of(), unreadable, "texts below WCAG AA contrast");
    }

    /** The page shown, scrolled through a viewport at a time: each text checked once, where it is drawn. */
    static Check checkScrolledThrough(FxRobot robot, Stage stage, String where) throws Exception {
        ScrollPane page = robot.lookup(".page-scroll").queryAs(ScrollPane.class);
        Map<Text, Boolean> seen = new IdentityHashMap<>();
        List<String> unreadable = new ArrayList<>();
        List<String> disabled = new ArrayList<>();
        int checked = 0;
        for (double at = 0; ; at += 0.25) {
            double position = Math.min(at, 1);
            robot.interact(() -> page.setVvalue(page.getVmin() + position * (page.getVmax() - page.getVmin())));
            WaitForAsyncUtils.waitForFxEvents();
            Check result = WaitForAsyncUtils.asyncFx(() -> check(where, stage.getScene(), seen))
                    .get(20, TimeUnit.SECONDS);
            unreadable.addAll(result.unreadable());
            disabled.addAll(result.disabled());
            checked += result.checked();
            if (position >= 1 || page.getVmax() <= page.getVmin()) {
                return new Check(unreadable, disabled, checked);
            }
        }
    }

    /** One line of each severity and source the live log colours (LogStyle), as the runner's container writes them. */
    private static final List<String> LOG_LINES = List.of(
            "WARNING: Checking for jobs... failed   runner=abc123 status=couldn't execute POST",
            "ERROR: Failed to process runner   builds=0 error=no route to host runner=abc123",
            "time=\"2026-11-27T23:12:18Z\" level=warning msg=\"Failed to decode the keys\"",
            "time=\"2026-11-27T23:12:18Z\" level=error msg=\"no such container\"",
            "WARN[0000] Failed to add pause process to systemd sandbox cgroup",
            "FATAL: failed to load config",
            "Started Session c1 of User podman.",
            "Checking for jobs... nothing   runner=abc123",
            "plain output of a job");

    /**
     * The live log on step 6, with a line of every severity and source, on its even and odd rows: each line is
     * readable on the row drawn behind it; a warning or an error has its severity's colour whatever its source (a
     * source rule of the dark sheet once outranked the error colour: errors from gitlab-runner were green); and a
     * warning's colour is far enough round the colour wheel from an error's that the two are not read as one red.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"LIGHT", "DARK"})
    void logLinesAreReadableAndWarningsAreNotDrawnInTheErrorsRed(DesktopColorScheme scheme) throws Exception {
        WizardViewModel viewModel = open(scheme, 1280, 800);
        FxRobot robot = new FxRobot();
        robot.interact(() -> robot.lookup("#stepList")
                .queryAs(StepNavigation.class)
                .select(Steps.standard().size() - 1));
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS); // the page's own reads (podman is away here)
        LogViewModel logs = viewModel.logs();
        List<LogLine> lines = new ArrayList<>();
        for (int number = 1; number <= 2 * LOG_LINES.size(); number++) {
            // an odd number of kinds: the second round puts each kind on a row of the other shade
            lines.add(new LogLine(number, false, LOG_LINES.get((number - 1) % LOG_LINES.size())));
        }
        robot.interact(() -> logs.followTailProperty().set(false));
        logs.listener().caughtUp(); // nothing to wait for: podman is away
        logs.listener().lines(lines);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> logs.shown().size() == lines.size());
        @SuppressWarnings("unchecked")
        javafx.scene.control.ListView<LogLine> list =
                robot.lookup("#logList").queryAs(javafx.scene.control.ListView.class);
        ScrollPane page = robot.lookup(".page-scroll").queryAs(ScrollPane.class);
        robot.interact(() -> {
            list.scrollTo(0);
            scrollIntoView(page, list);
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> dev.pipglr.setup.ui.common.Snapshots.write(
                stage.getScene(),
                java.nio.file.Path.of("target/screenshots/log-" + scheme.name().toLowerCase(Locale.ROOT) + ".png")));

        List<LogRow> rows =
                WaitForAsyncUtils.asyncFx(() -> logRows(stage.getScene(), list)).get(20, TimeUnit.SECONDS);

        assertTrue(rows.size() >= 12, "the log's lines were drawn and measured: " + rows);
        List<String> unreadable = rows.stream()
                .filter(row -> row.ratio() < 4.5)
                .map(LogRow::toString)
                .toList();
        assertEquals(List.of(), unreadable, scheme + ": log lines below WCAG AA (4.5:1) on the row behind them");
        Color warning = onlyFill(rows, "log-warning", scheme);
        Color error = onlyFill(rows, "log-error", scheme);
        for (String severity : List.of("log-warning", "log-error")) {
            long shades = rows.stream()
                    .filter(row -> row.severity().equals(severity))
                    .map(row -> hex(row.back()))
                    .distinct()
                    .count();
            assertEquals(2, shades, scheme + ": " + severity + " measured on both row shades: " + rows);
        }
        double hues = Math.abs(warning.getHue() - error.getHue());
        double apart = Math.min(hues, 360 - hues);
        System.out.printf(
                Locale.ROOT,
                "log %s: warning %s %.2f:1 at least, error %s %.2f:1 at least, hues %.0f degrees apart%n",
                scheme,
                hex(warning),
                lowestRatio(rows, "log-warning"),
                hex(error),
                lowestRatio(rows, "log-error"),
                apart);
        assertTrue(
                apart >= 30,
                scheme + ": warning " + hex(warning) + " and error " + hex(error) + " are only " + Math.round(apart)
                        + " degrees of hue apart: read as one colour");
    }

    /** A log line as drawn: its severity class (or "none") and source classes, text colour and the pixels behind. */
    record LogRow(String text, String severity, Color fill, Color back, double ratio) {
        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT, "\"%s\" (%s) %s on %s = %.2f:1", shorten(text), severity, hex(fill), hex(back), ratio);
        }
    }

    /** Every log line on screen, measured against a rendering with the texts hidden; on the JavaFX thread. */
    private static List<LogRow> logRows(Scene scene, Node list) {
        Bounds window = new BoundingBox(0, 0, scene.getWidth(), scene.getHeight());
        List<Text> texts = new ArrayList<>();
        collect(scene.getRoot(), window, texts);
        texts.removeIf(text -> !isInside(text, list));
        Map<Text, Double> opacity = new HashMap<>();
        texts.forEach(text -> {
            opacity.put(text, text.getOpacity());
            text.setOpacity(0);
        });
        WritableImage behind = scene.snapshot(null);
        texts.forEach(text -> text.setOpacity(opacity.get(text)));
        List<LogRow> rows = new ArrayList<>();
        for (Text text : texts) {
            if (!(text.getFill() instanceof Color fill)) {
                continue;
            }
            Node cell = text.getParent();
            String severity = cell.getStyleClass().stream()
                    .filter(style -> style.equals("log-warning") || style.equals("log-error"))
                    .findFirst()
                    .orElse("none");
            Color back = mostCommon(behind.getPixelReader(), text.localToScene(text.getBoundsInLocal()), window);
            Color drawn = blend(fill, fill.getOpacity() * opacity.get(text) * ancestorsOpacity(cell), back);
            rows.add(new LogRow(text.getText(), severity, fill, back, contrast(drawn, back)));
        }
        return rows;
    }

    /** The one colour every line of {@code severity} is drawn in, whatever its source. */
    private static Color onlyFill(List<LogRow> rows, String severity, DesktopColorScheme scheme) {
        List<String> fills = rows.stream()
                .filter(row -> row.severity().equals(severity))
                .map(row -> hex(row.fill()))
                .distinct()
                .toList();
        assertEquals(1, fills.size(), scheme + ": every " + severity + " line in one colour: " + rows);
        return Color.web(fills.get(0));
    }

    private static double lowestRatio(List<LogRow> rows, String severity) {
        return rows.stream()
                .filter(row -> row.severity().equals(severity))
                .mapToDouble(LogRow::ratio)
                .min()
                .orElse(0);
    }

    private static boolean isInside(Node node, Node ancestor) {
        for (Node at = node; at != null; at = at.getParent()) {
            if (at == ancestor) {
                return true;
            }
        }
        return false;
    }

    /** Scrolls the page so that {@code node}'s top is near the viewport's top. */
    private static void scrollIntoView(ScrollPane page, Node node) {
        Node content = page.getContent();
        Bounds inContent = content.sceneToLocal(node.localToScene(node.getBoundsInLocal()));
        double free =
                content.getLayoutBounds().getHeight() - page.getViewportBounds().getHeight();
        double share = free <= 0 ? 0 : Math.min(1, Math.max(0, (inContent.getMinY() - 8) / free));
        page.setVvalue(page.getVmin() + share * (page.getVmax() - page.getVmin()));
    }

    /** The check itself on a made-up scene: it must fail grey on white and pass black on white. */
    @Test
    void theCheckFailsLightGreyOnWhiteAndPassesBlack() throws Exception {
        stage = FxToolkit.registerPrimaryStage();
        List<Check> results = new ArrayList<>();
        FxToolkit.setupStage(stage -> {
            Text grey = new Text(20, 40, "light grey on white");
            grey.setFill(Color.web("#c8c8c8"));
            Text black = new Text(20, 80, "black on white");
            black.setFill(Color.BLACK);
            javafx.scene.layout.Pane root = new javafx.scene.layout.Pane(grey, black);
            root.setStyle("-fx-background-color: white;");
            stage.setScene(new Scene(root, 300, 120));
            stage.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
        results.add(WaitForAsyncUtils.asyncFx(() -> check("made up", stage.getScene(), new IdentityHashMap<>()))
                .get(10, TimeUnit.SECONDS));
        assertEquals(2, results.get(0).checked());
        assertEquals(
                1,
                results.get(0).unreadable().size(),
                results.get(0).unreadable().toString());
        assertTrue(results.get(0).unreadable().get(0).contains("light grey on white"));
    }

    record Check(List<String> unreadable, List<String> disabled, int checked) {}

    /** Checks the texts drawn now that were not checked before; on the JavaFX thread. */
    static Check check(String where, Scene scene, Map<Text, Boolean> seen) {
        Bounds window = new BoundingBox(0, 0, scene.getWidth(), scene.getHeight());
        List<Text> texts = new ArrayList<>();
        collect(scene.getRoot(), window, texts);
        Map<Text, Double> opacity = new HashMap<>();
        List<Text> hidden = new ArrayList<>();
        for (Text text : texts) {
            if (!text.opacityProperty().isBound()) {
                opacity.put(text, text.getOpacity());
                text.setOpacity(0);
                hidden.add(text);
            }
        }
        WritableImage behind = scene.snapshot(null);
        hidden.forEach(text -> text.setOpacity(opacity.get(text)));
        List<String> unreadable = new ArrayList<>();
        List<String> disabled = new ArrayList<>();
        int checked = 0;
        for (Text text : texts) {
            if (!hidden.contains(text) || seen.put(text, true) != null || !(text.getFill() instanceof Color fill)) {
                continue;
            }
            Bounds bounds = text.localToScene(text.getBoundsInLocal());
            Color back = mostCommon(behind.getPixelReader(), bounds, window);
            double alpha = fill.getOpacity() * opacity.get(text) * ancestorsOpacity(text.getParent());
            Color drawn = blend(fill, alpha, back);
            double ratio = contrast(drawn, back);
            boolean large = text.getFont().getSize() >= 24
                    || (text.getFont().getSize() >= 18.66
                            && FontWeight.findByName(text.getFont().getStyle()) == FontWeight.BOLD);
            double needed = large ? 3.0 : 4.5;
            checked++;
            if (ratio < needed) {
                String finding = String.format(
                        Locale.ROOT,
                        "%s: \"%s\" %s on %s = %.2f:1 (needs %.1f) in %s",
                        where,
                        shorten(text.getText()),
                        hex(drawn),
                        hex(back),
                        ratio,
                        needed,
                        path(text));
                if (isDisabled(text)) {
                    disabled.add(shorten(text.getText()));
                } else {
                    unreadable.add(finding);
                }
            }
        }
        return new Check(unreadable, disabled, checked);
    }

    /** Visible, non-empty texts wholly inside the window and inside every clip around them. */
    private static void collect(Node node, Bounds visibleArea, List<Text> texts) {
        if (!node.isVisible() || node.getOpacity() == 0) {
            return;
        }
        Bounds area = visibleArea;
        if (node.getClip() != null) {
            Bounds clip = node.localToScene(node.getClip().getBoundsInParent());
            area = intersect(area, clip);
        }
        if (node instanceof ScrollPane scroll) {
            Node viewport = scroll.lookup(".viewport");
            if (viewport != null) {
                area = intersect(area, viewport.localToScene(viewport.getLayoutBounds()));
            }
        }
        if (area == null) {
            return;
        }
        if (node instanceof Text text) {
            Bounds bounds = text.localToScene(text.getBoundsInLocal());
            if (!text.getText().isBlank() && bounds.getWidth() > 1 && bounds.getHeight() > 1 && area.contains(bounds)) {
                texts.add(text);
            }
            return;
        }
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                collect(child, area, texts);
            }
        }
    }

    private static Bounds intersect(Bounds a, Bounds b) {
        double minX = Math.max(a.getMinX(), b.getMinX());
        double minY = Math.max(a.getMinY(), b.getMinY());
        double maxX = Math.min(a.getMaxX(), b.getMaxX());
        double maxY = Math.min(a.getMaxY(), b.getMaxY());
        return maxX <= minX || maxY <= minY ? null : new BoundingBox(minX, minY, maxX - minX, maxY - minY);
    }

    private static double ancestorsOpacity(Node node) {
        double product = 1;
        for (Node at = node; at != null; at = at.getParent()) {
            product *= at.getOpacity();
        }
        return product;
    }

    private static boolean isDisabled(Node node) {
        return node.isDisabled();
    }

    /** The background colour: the most frequent pixel colour in the text's box. */
    private static Color mostCommon(PixelReader pixels, Bounds bounds, Bounds window) {
        Map<Integer, Integer> counts = new HashMap<>();
        int minX = (int) Math.max(0, Math.floor(bounds.getMinX()));
        int minY = (int) Math.max(0, Math.floor(bounds.getMinY()));
        int maxX = (int) Math.min(window.getMaxX() - 1, Math.ceil(bounds.getMaxX()));
        int maxY = (int) Math.min(window.getMaxY() - 1, Math.ceil(bounds.getMaxY()));
        for (int y = minY; y <= maxY; y++) {
            for (int x = minX; x <= maxX; x++) {
                counts.merge(pixels.getArgb(x, y), 1, Integer::sum);
            }
        }
        int argb = counts.entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey)
                .orElse(0xffffffff);
        return Color.rgb((argb >> 16) & 0xff, (argb >> 8) & 0xff, argb & 0xff);
    }

    private static Color blend(Color fill, double alpha, Color back) {
        return Color.color(
                fill.getRed() * alpha + back.getRed() * (1 - alpha),
                fill.getGreen() * alpha + back.getGreen() * (1 - alpha),
                fill.getBlue() * alpha + back.getBlue() * (1 - alpha));
    }

    /** WCAG 2.1's contrast ratio of two opaque colours. */
    static double contrast(Color a, Color b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(Color c) {
        return 0.2126 * channel(c.getRed()) + 0.7152 * channel(c.getGreen()) + 0.0722 * channel(c.getBlue());
    }

    private static double channel(double value) {
        return value <= 0.03928 ? value / 12.92 : Math.pow((value + 0.055) / 1.055, 2.4);
    }

    private static String hex(Color c) {
        return String.format(
                Locale.ROOT,
                "#%02x%02x%02x",
                Math.round(c.getRed() * 255),
                Math.round(c.getGreen() * 255),
                Math.round(c.getBlue() * 255));
    }

    private static String shorten(String text) {
        String line = text.strip().replace('\n', ' ');
        return line.length() > 40 ? line.substring(0, 40) + "..." : line;
    }

    /** Where a text sits: its nearest ancestors' ids or style classes. */
    private static String path(Node node) {
        List<String> names = new ArrayList<>();
        for (Node at = node.getParent(); at != null && names.size() < 4; at = at.getParent()) {
            String name = at.getId() != null
                    ? "#" + at.getId()
                    : at.getStyleClass().isEmpty()
                            ? at.getClass().getSimpleName()
                            : "." + at.getStyleClass().get(0);
            names.add(name);
        }
        return String.join(" < ", names);
    }
}
