package dev.pipglr.setup.wizard;

import dev.pipglr.setup.host.CommandResult;
import dev.pipglr.setup.host.Problems;
import dev.pipglr.setup.podman.HostInfo;
import dev.pipglr.setup.podman.PodmanException;
import dev.pipglr.setup.podman.PodmanReads;
import dev.pipglr.setup.podman.PodmanUnavailableException;
import dev.pipglr.setup.podman.PodmanVersion;
import dev.pipglr.setup.podman.SessionService;
import dev.pipglr.setup.wizard.Fix.Action;
import dev.pipglr.setup.wizard.StepCheck.Verdict;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The gate: podman installed, its API answering, recent enough and rootless. The podman steps wait for it. */
final class PreflightCheck implements GateCheck {

    static final String VERIFIED =
            "The wizard connects to podman's API again and reads its version and host information.";

    @Override
    public Outcome pass(CheckContext context) {
        return context.connection()
                .map(podman -> answered(context, podman))
                .orElseGet(() -> Outcome.closed(
                        unreachable(context, context.unavailable().orElseThrow())));
    }

    private static Outcome answered(CheckContext context, PodmanReads podman) {
        List<String> findings = new ArrayList<>();
        findings.add("podman API at " + podman.endpoint());
        HostInfo info;
        try {
            info = podman.info();
        } catch (PodmanException e) {
            return Outcome.closed(new Verdict(
                    StepStatus.UNKNOWN,
                    "podman answered but its host information could not be read: " + Problems.describe(e),
                    findings,
                    Fix.NONE));
        }
        PodmanVersion version = info.version();
        findings.add("podman version " + version + (info.rootless() ? ", rootless" : ", rootful (running as root)"));
        findings.add("cgroups " + info.cgroupVersion());
        if (!version.isSupported()) {
            return Outcome.closed(Verdict.blocked(tooOld(version.text()) + ".", findings, upgrade(context)));
        }
        if (!info.rootless()) {
            return Outcome.open(
                    Verdict.todo(
                            "podman " + version
                                    + " runs rootful (as root). pipglr is meant to run rootless: run the wizard "
                                    + "as the user who will own the runner.",
                            findings,
                            Fix.of(
                                    VERIFIED,
                                    Action.say(
                                            "Log in as the user who should own the runner and start the wizard there."))),
                    info);
        }
        return Outcome.open(
                Verdict.done("podman " + version + " answers rootless; pipglr supports it.", findings), info);
    }

    private static String tooOld(String version) {
        return "podman " + version + " is too old: pipglr needs podman " + PodmanVersion.MINIMUM_SUPPORTED.major() + "."
                + PodmanVersion.MINIMUM_SUPPORTED.minor() + " or later";
    }

    /** How to get a newer podman on this distribution (os-release), then refresh. */
    private static Fix upgrade(CheckContext context) {
        return install(context, true);
    }

    private static Fix install(CheckContext context, boolean installed) {
        List<Action> actions = new ArrayList<>();
        dev.pipglr.setup.host.PodmanInstallAdvice.forMachine(context.machine(), installed)
                .forEach(line -> actions.add(Action.say(line)));
        actions.add(Action.say("Then refresh."));
        return Fix.of(VERIFIED, actions.toArray(Action[]::new));
    }

    private static Verdict unreachable(CheckContext context, PodmanUnavailableException e) {
        List<String> findings = new ArrayList<>();
        if (!context.machine().hasCommand("podman")) {
            findings.add("no podman executable on the PATH");
            return Verdict.blocked("podman is not installed.", findings, install(context, false));
        }
        // the CLI's version matters only when the service does not answer (it then names the version found)
        Optional<String> cliVersion = cliVersion(context);
        cliVersion.ifPresent(version -> findings.add("podman " + version + " is installed"));
        e.attempts().forEach(attempt -> findings.add("tried " + attempt));
        if (context.machine().user().isRoot()) {
            return Verdict.blocked(
                    "The wizard runs as root, and no podman service answers for root. pipglr is meant to run rootless, "
                            + "as the regular user who owns the runner.",
                    findings,
                    Fix.of(
                            VERIFIED,
                            Action.say(
                                    "Log in as the user who will own the runner (not through sudo or su) and start the wizard there.")));
        }
        Optional<PodmanVersion> version = cliVersion.flatMap(PodmanVersion::find);
        if (version.isPresent() && !version.get().isSupported()) {
            return Verdict.blocked(
                    tooOld(version.get().text()) + ", and its API service is not running.", findings, upgrade(context));
        }
        return Verdict.blocked(
                "podman" + cliVersion.map(v -> " " + v).orElse("")
                        + " is installed, but no podman API service answers.",
                findings,
                Fix.of(
                        VERIFIED,
                        Action.say("Start a podman service for this session (the wizard stops it when it exits), or"),
                        Action.run("make it permanent: ", SessionService.PERMANENT_FIX, "")));
    }

    private static Optional<String> cliVersion(CheckContext context) {
        try {
            CommandResult result = context.machine().run(List.of("podman", "--version"), Duration.ofSeconds(15));
            return result.succeeded() ? PodmanVersion.find(result.stdout()).map(PodmanVersion::text) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
