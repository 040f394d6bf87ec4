package dev.pipglr.setup.app;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipglr.setup.host.Machine;
import dev.pipglr.setup.host.Problems;
import dev.pipglr.setup.podman.Podman;
import dev.pipglr.setup.podman.PodmanException;
import dev.pipglr.setup.podman.PodmanUnavailableException;
import dev.pipglr.setup.runlabel.RunlabelException;
import dev.pipglr.setup.wizard.JobTest;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code test-job}: whether a CI job can run in the running runner, before GitLab sends one. */
@Command(
        name = "test-job",
        mixinStandardHelpOptions = true,
        description = {
            "Tests that a CI job can run in the running runner: inside its container, as the user gitlab-runner runs"
                    + " as, against the socket config.toml's [runners.docker] host names, makes a job's requests in"
                    + " gitlab-runner's order (reach the socket, ask the host, get the job image, create a cache"
                    + " volume, create the job container, run a script in it, remove both), each timed. A failure"
                    + " names its stage, podman's words, the known cause and the step to revisit.",
            "With --json: one object with status, message and sockets (each with its runners, job_image and stages).",
            "Exit codes: 0 a job ran, 1 a stage failed, 2 nothing to test (runner not running, none registered, no"
                    + " podman client in the image) or no podman answers."
        })
final class TestJobCommand extends HeadlessCommand {

    @Option(
            names = "--job-image",
            paramLabel = "IMAGE",
            description = "Run the job in this image (default: each runner's [runners.docker] image).")
    String jobImage;

    TestJobCommand() {
        super();
    }

    TestJobCommand(Machine machine, Supplier<Podman> podman, PrintStream out, PrintStream err) {
        super(machine, podman, out, err);
    }

    @Override
    Integer run() {
        HeadlessOutput output = output("test-job", json);
        try (Podman connected = podman.get()) {
            JobTest.Result result = new JobTest(machine, connected).run(image, Optional.ofNullable(jobImage));
            if (result instanceof JobTest.CannotRun cannot) {
                return output.finish(SetupExit.BAD_INPUT, "passed", cannot.why(), node -> {});
            }
            JobTest.Tested tested = (JobTest.Tested) result;
            List<String> lines = new ArrayList<>();
            for (JobTest.Socket socket : tested.sockets()) {
                socket.lines().forEach(output::say);
                lines.add(socket.verdict());
            }
            return output.finish(
                    tested.passed() ? SetupExit.DONE : SetupExit.FAILED,
                    "passed",
                    String.join("\n", lines),
                    node -> tested.sockets().forEach(socket -> describe(node.withArray("sockets"), socket)));
        } catch (PodmanUnavailableException e) {
            return output.finish(SetupExit.BAD_INPUT, "passed", Problems.describe(e), node -> {});
        } catch (PodmanException | RunlabelException e) {
            return output.finish(SetupExit.FAILED, "passed", Problems.describe(e), node -> {});
        }
    }

    private static void describe(ArrayNode sockets, JobTest.Socket socket) {
        ObjectNode node = sockets.addObject();
        node.put("host", socket.host());
        socket.runners().forEach(node.withArray("runners")::add);
        node.put("job_image", socket.jobImage());
        node.put("passed", socket.passed());
        for (JobTest.StageResult stage : socket.stages()) {
            ObjectNode each = node.withArray("stages").addObject();
            each.put("stage", stage.stage().name().toLowerCase(Locale.ROOT));
            each.put("passed", stage.passed());
            each.put("millis", stage.millis());
            each.put("words", stage.words());
        }
        socket.failure().ifPresent(failure -> {
            node.put("failed_stage", failure.stage().name().toLowerCase(Locale.ROOT));
            failure.known().ifPresent(known -> node.put("cause", known.id()));
        });
    }
}
