package dev.pipglr.setup.wizard;

import dev.pipglr.setup.host.CommandResult;
import dev.pipglr.setup.host.Machine;
import dev.pipglr.setup.podman.Podman;
import dev.pipglr.setup.runlabel.Runlabel;
import dev.pipglr.setup.runlabel.RunlabelException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * "Start the runner at boot": writes the Quadlet file into the user's
 * ~/.config/containers/systemd, has systemd's user instance generate and start
 * pipglr.service, and checks each step. Nothing needs root; an existing file is
 * reported, never overwritten unless the user asks (and then kept as .bak).
 */
public final class StartOnBoot {

    /** What is at the Quadlet file's path now, compared with what the wizard would write. */
    public enum FileState {
        ABSENT,
        SAME,
        DIFFERENT
    }

    public record Plan(Path path, String content, FileState state, String existing) {
        /** The commands the wizard runs, for the user to read (or run by hand). */
        public List<String> commands() {
            List<String> commands = new java.util.ArrayList<>(List.of(
                    "mkdir -p " + path.getParent(),
                    "write " + path + " (shown below)",
                    "systemctl --user daemon-reload",
                    "systemctl --user start " + QuadletUnit.SERVICE));
            if (autoUpdates()) {
                commands.add("systemctl --user enable --now " + AUTO_UPDATE_TIMER);
            }
            return commands;
        }

        /** The file opts into podman auto-update. */
        public boolean autoUpdates() {
            return content.lines().anyMatch(line -> line.strip().equals(QuadletUnit.AUTO_UPDATE));
        }
    }

    /** podman's own timer: runs podman auto-update daily. */
    public static final String AUTO_UPDATE_TIMER = "podman-auto-update.timer";

    private static final Duration SYSTEMCTL = Duration.ofSeconds(30);
    /** Starting may pull the image first. */
    private static final Duration START = Duration.ofMinutes(15);

    private static final List<String> QUADLET_BINARIES =
            List.of("/usr/libexec/podman/quadlet", "/usr/lib/podman/quadlet");

    private final Machine machine;

    public StartOnBoot(Machine machine) {
        this.machine = machine;
    }

    /** $XDG_CONFIG_HOME/containers/systemd, by default ~/.config/containers/systemd (where rootless Quadlet looks). */
    public Path unitPath() {
        return machine.env("XDG_CONFIG_HOME")
                .map(Path::of)
                .orElseGet(() -> Path.of(machine.env("HOME").orElse("/tmp"), ".config"))
                .resolve("containers")
                .resolve("systemd")
                .resolve(QuadletUnit.FILE_NAME);
    }

    /** The Quadlet file for the image's run label, fitted to the host's cgroup version. */
    public String render(Podman podman, String image) throws RunlabelException {
        return render(podman, image, false);
    }

    /** @param autoUpdate with podman auto-update (refused with the reason for an image no registry updates) */
    public String render(Podman podman, String image, boolean autoUpdate) throws RunlabelException {
        if (!(ImageLabels.interpret(machine, podman, image, "run") instanceof Runlabel.RunContainer run)) {
            throw new RunlabelException("the run label does not run a container");
        }
        // the unit makes the container anew at each boot: with the system_id and environment kept, as Start does
        return QuadletUnit.render(
                RunnerEnvironment.mountedIfKept(podman, SystemIdSecret.mountedIfKept(podman, run.spec())),
                "v1".equals(podman.info().cgroupVersion()),
                autoUpdate);
    }

    public Plan plan(String content) throws IOException {
        Path path = unitPath();
        Optional<String> existing = machine.readFile(path.toString());
        FileState state = existing.isEmpty()
                ? FileState.ABSENT
                : existing.get().equals(content) ? FileState.SAME : FileState.DIFFERENT;
        return new Plan(path, content, state, existing.orElse(null));
    }

    /**
     * Writes the file (unless the same one is there), reloads systemd's user
     * instance and starts the service. {@code replaceDifferent} must be true to
     * replace a different file; the old one is kept next to it as .bak.
     */
    public void install(Plan plan, boolean replaceDifferent, Consumer<String> report) throws IOException {
        Path path = plan.path();
        switch (plan.state()) {
            case SAME -> report.accept(path + " is already the generated file: not rewritten.");
            case DIFFERENT -> {
                if (!replaceDifferent) {
                    throw new IOException("A different " + path.getFileName() + " exists at " + path
                            + ": it was left as it is. Compare it with the generated one, then replace it (yours is kept as .bak) "
                            + "or remove it yourself.");
                }
                Path backup = path.resolveSibling(path.getFileName() + ".bak");
                machine.writePrivateFile(backup.toString(), plan.existing().getBytes(StandardCharsets.UTF_8));
                report.accept("Kept your previous file as " + backup + ".");
                write(plan, report);
            }
            case ABSENT -> write(plan, report);
        }
        systemctl(report, SYSTEMCTL, "daemon-reload");
        CommandResult generated = machine.run(List.of("systemctl", "--user", "cat", QuadletUnit.SERVICE), SYSTEMCTL);
        if (!generated.succeeded()) {
            throw new IOException("systemd did not generate " + QuadletUnit.SERVICE + " from " + path + ": "
                    + quadletComplaint().orElse(generated.firstErrorLine()));
        }
        report.accept("systemd generated " + QuadletUnit.SERVICE + " from it.");
        waitForTheUserManager();
        try {
            systemctl(report, START, "start", QuadletUnit.SERVICE);
        } catch (IOException e) {
            throw new IOException(e.getMessage() + serviceLog(), e);
        }
        String active = serviceState().orElse("");
        if (!active.equals("active")) {
            throw new IOException(QuadletUnit.SERVICE + " is " + active
                    + " after starting. Its log: journalctl --user -u " + QuadletUnit.SERVICE);
        }
        report.accept(QuadletUnit.SERVICE + " is active: the runner now starts with your systemd user instance.");
        if (plan.autoUpdates()) {
            systemctl(report, SYSTEMCTL, "enable", "--now", AUTO_UPDATE_TIMER);
            report.accept(AUTO_UPDATE_TIMER + " is on: podman auto-update pulls a newer image daily and restarts "
                    + QuadletUnit.SERVICE + " (podman auto-update --dry-run shows what it would do).");
        }
    }

    /**
     * A user manager that linger has just started is still starting its own units (its D-Bus among them, which
     * rootless podman's systemd cgroups use); a service started meanwhile can fail. Waits until it has finished
     * starting ("running" or "degraded"), at most SYSTEMCTL; what it answers decides nothing here.
     */
    private void waitForTheUserManager() {
        try {
            machine.run(List.of("systemctl", "--user", "is-system-running", "--wait"), SYSTEMCTL);
        } catch (IOException e) {
            // a manager still starting after that long: the start below says what is wrong
        }
    }

    /** The service's last lines in the user's journal, to say why a start failed; empty when there are none. */
    private String serviceLog() {
        try {
            CommandResult log = machine.run(
                    List.of("journalctl", "--user", "-u", QuadletUnit.SERVICE, "-n", "6", "--no-pager", "-o", "cat"),
                    SYSTEMCTL);
            String lines = log.stdout().strip();
            return lines.isEmpty() || lines.startsWith("-- No entries") ? "" : "\nIts last log lines:\n" + lines;
        } catch (IOException e) {
            return "";
        }
    }

    /** Is the generated service there and running? Empty when systemd's user instance cannot be asked. */
    public Optional<String> serviceState() throws IOException {
        CommandResult result = machine.run(List.of("systemctl", "--user", "is-active", QuadletUnit.SERVICE), SYSTEMCTL);
        String state = result.stdout().strip();
        return state.isEmpty() ? Optional.empty() : Optional.of(state);
    }

    private void write(Plan plan, Consumer<String> report) throws IOException {
        machine.createPrivateDirectory(plan.path().getParent().toString());
        machine.writePrivateFile(plan.path().toString(), plan.content().getBytes(StandardCharsets.UTF_8));
        report.accept("Wrote " + plan.path() + ".");
    }

    private void systemctl(Consumer<String> report, Duration timeout, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("systemctl", "--user"));
        command.addAll(List.of(args));
        report.accept("$ " + String.join(" ", command));
        CommandResult result = machine.run(command, timeout);
        if (!result.succeeded()) {
            throw new IOException(String.join(" ", command) + " failed: " + explain(result));
        }
    }

    /** systemctl's error, with what to do when the user instance is out of reach. */
    static String explain(CommandResult result) {
        String error = result.firstErrorLine();
        // "Failed to connect to bus: No medium found" (older systemd), "Failed to connect to user
        // scope bus via local transport: No such file or directory" (systemd 257)
        if ((error.contains("Failed to connect to") && error.contains("bus"))
                || error.contains("No medium found")
                || error.contains("XDG_RUNTIME_DIR")) {
            return error + ". systemd's user instance is not reachable from here: log in to a desktop session "
                    + "(or enable linger in step 1), then try again.";
        }
        return error;
    }

    /** Quadlet's own words on why it generated nothing, when its binary is where distributions put it. */
    private Optional<String> quadletComplaint() throws IOException {
        for (String binary : QUADLET_BINARIES) {
            if (machine.exists(binary)) {
                CommandResult dryRun = machine.run(List.of(binary, "-dryrun", "-user"), SYSTEMCTL);
                return dryRun.stderr()
                        .lines()
                        .filter(line -> line.contains(QuadletUnit.FILE_NAME) && !line.contains("Loading source"))
                        .reduce((first, second) -> second)
                        .map(line -> line.replaceFirst("^quadlet-generator\\[\\d+]: ", ""));
            }
        }
        return Optional.empty();
    }
}
