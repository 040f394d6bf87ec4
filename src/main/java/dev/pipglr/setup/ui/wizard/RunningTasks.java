package dev.pipglr.setup.ui.wizard;

import dev.pipglr.setup.ui.common.PodmanAction;
import dev.pipglr.setup.wizard.StepDefinition;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import javafx.scene.control.Button;
import org.controlsfx.control.PopOver;
import org.controlsfx.control.TaskProgressView;

/**
 * Every page's long work in one place: a status-bar button ("2 tasks running") that opens ControlsFX's task view,
 * one row per running action with its step, its newest line and a Cancel that cancels it as the page's own does.
 * It shows while the user is on another page (a pull of minutes started on step 5, a re-create on step 6). The
 * ControlsFX classes load with the first opening, never with the first frame.
 */
final class RunningTasks {

    private final ObservableList<ShownAction> running = FXCollections.observableArrayList();
    private final Button button = new Button();
    private PopOver popOver;
    /** Built with the first opening; it drops an ended or cancelled task itself. */
    private TaskProgressView<ShownAction> view;

    RunningTasks(Map<StepDefinition, List<PodmanAction>> pageActions) {
        button.setId("runningTasks");
        button.getStyleClass().add("running-tasks");
        button.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> running.size() == 1 ? "1 task running" : running.size() + " tasks running", running));
        button.visibleProperty().bind(Bindings.isNotEmpty(running));
        button.managedProperty().bind(button.visibleProperty());
        button.setOnAction(event -> toggle());
        pageActions.forEach((step, actions) -> actions.forEach(action -> follow(step, action)));
    }

    Button button() {
        return button;
    }

    /** The actions running now, as the task view lists them (FX thread). */
    List<String> titles() {
        return running.stream().map(Task::getTitle).toList();
    }

    private void follow(StepDefinition step, PodmanAction action) {
        ShownAction[] current = new ShownAction[1];
        action.busyProperty().addListener((observable, was, busy) -> {
            if (busy) {
                current[0] = new ShownAction(step.title(), action);
                running.add(current[0]);
                if (view != null) {
                    view.getTasks().add(current[0]);
                }
                current[0].start();
            } else if (current[0] != null) {
                running.remove(current[0]);
                current[0].end();
                current[0] = null;
            }
        });
    }

    private void toggle() {
        if (popOver == null) {
            view = new TaskProgressView<>();
            view.setId("taskView");
            view.getTasks().setAll(running);
            view.setPrefSize(460, 220);
            popOver = new PopOver(view);
            popOver.setTitle("Running now");
            popOver.setHeaderAlwaysVisible(true);
            popOver.setDetachable(false);
            popOver.setArrowLocation(PopOver.ArrowLocation.BOTTOM_LEFT);
        }
        if (popOver.isShowing()) {
            popOver.hide();
        } else {
            // a popup has a scene of its own: the window's theme (light or dark, as it is now) goes with it
            popOver.getScene().getStylesheets().setAll(button.getScene().getStylesheets());
            popOver.show(button);
        }
    }

    /**
     * A page's running action as a Task, which is what TaskProgressView lists: it does no work itself (the page's
     * action does), it waits for the action to end; its Cancel cancels the action.
     */
    static final class ShownAction extends Task<Void> {
        private final PodmanAction action;
        private final CountDownLatch ended = new CountDownLatch(1);
        private final javafx.beans.value.ChangeListener<String> newLines =
                (observable, before, output) -> updateMessage(newestLine(output));

        ShownAction(String title, PodmanAction action) {
            this.action = action;
            updateTitle(title);
            // what the page said before this run is not news
            updateMessage("Started.");
            action.outputProperty().addListener(newLines);
        }

        void start() {
            Thread waiting = new Thread(this, "shown: " + getTitle());
            waiting.setDaemon(true);
            waiting.start();
        }

        void end() {
            action.outputProperty().removeListener(newLines);
            ended.countDown();
        }

        @Override
        protected Void call() throws InterruptedException {
            ended.await();
            return null;
        }

        @Override
        protected void cancelled() {
            end();
            action.cancel();
        }

        private static String newestLine(String output) {
            return output.lines()
                    .filter(line -> !line.isBlank())
                    .reduce((first, second) -> second)
                    .orElse("Started.");
        }
    }
}
