package dev.pipglr.setup.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pipglr.setup.host.FakeMachine;
import dev.pipglr.setup.podman.ContainerSummary;
import dev.pipglr.setup.podman.Podman;
import dev.pipglr.setup.podman.PodmanUnavailableException;
import dev.pipglr.setup.runlabel.ContainerfileLabels;
import dev.pipglr.setup.wizard.SecurityReview.Finding;
import dev.pipglr.setup.wizard.SecurityReview.Weight;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Each finding of the security review from the fakes' answers, including what cannot be read. */
@Tag("unit")
class SecurityReviewTest {

    private static final String IMAGE = "localhost/pipglr-test:latest";
    private static final String TOKEN_A = "glrt-aaaa_secretsecretsecret";
    private static final String TOKEN_B = "glrt-bbbb_secretsecretsecret";
    private static final String BACKUPS = "/home/alice/.local/state/pipglr-setup/backups";
    private static final String SECRET_DATA =
            "/home/alice/.local/share/containers/storage/secrets/filedriver/secretsdata.json";
    private static final List<String> SECRET_INSPECT = List.of("podman", "secret", "inspect", "config.toml");

    private static String runner(String name, String token, String docker) {
        return "\n[[runners]]\n  name = \"" + name + "\"\n  url = \"https://gitlab.example.com/\"\n  token = \"" + token
                + "\"\n  executor = \"docker\"\n  [runners.docker]\n    image = \"alpine\"\n" + docker;
    }

    private static final String PRIVILEGED_A = "concurrent = 2\n"
            + runner("pipglr-1", TOKEN_A, "    privileged = true\n")
            + runner("pipglr-2", TOKEN_B, "    privileged = false\n");

    private final FakeMachine machine = new FakeMachine("alice", 1500).env("HOME", "/home/alice");
    private final FakePodman podman = new FakePodman("5.4.2", true);
    private final Supplier<Podman> connect = () -> podman;

    @BeforeEach
    void pipglrsLabels() throws IOException {
        podman.imageLabels.put(IMAGE, ContainerfileLabels.read());
        // dumpconfig (the label's /bin/cat) prints what the secret holds
        podman.program = body -> FakePodman.Run.exits(0, podman.secretValues.get(PipglrNames.CONFIG_SECRET));
    }

    private void stored(String config) {
        podman.createSecret(PipglrNames.CONFIG_SECRET, config.getBytes(StandardCharsets.UTF_8));
    }

    private void running(String inspect) {
        podman.containers.put(
                PipglrNames.CONTAINER, new ContainerSummary(PipglrNames.CONTAINER, IMAGE, "running", true, null));
        podman.inspected.put(PipglrNames.CONTAINER, inspect);
    }

    private void secretInspectSays(String folder) {
        machine.answer(
                SECRET_INSPECT,
                0,
                "[{\"ID\": \"0123abcd\", \"Spec\": {\"Name\": \"config.toml\", \"Driver\": {\"Name\": \"file\","
                        + " \"Options\": {\"path\": \"" + folder + "\"}}}}]",
                "");
    }

    private SecurityReview.Report read() {
        return new SecurityReview(machine).read(IMAGE, connect);
    }

    private static Finding finding(SecurityReview.Report report, String title) {
        return report.findings().stream()
                .filter(finding -> finding.title().equals(title))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no finding " + title + " in " + report.findings()));
    }

    private static String all(SecurityReview.Report report) {
        return report.findings().toString();
    }

    @Test
    void privilegedJobsAreNamedWithTheirRunnersAndWhatThatMeans() {
        stored(PRIVILEGED_A);
        running("{\"HostConfig\": {\"Privileged\": true}, \"Mounts\": []}");

        Finding privileged = finding(read(), SecurityReview.PRIVILEGED);

        assertEquals(Weight.REVIEW, privileged.weight());
        assertTrue(
                privileged.text().contains("privileged = true under [runners.docker] for pipglr-1;"),
                privileged.text());
        assertFalse(privileged.text().contains("pipglr-2"), "pipglr-2 runs its jobs unprivileged");
        assertTrue(privileged.text().contains("NESTED_PRIVILEGED=false"), privileged.text());
        assertTrue(
                privileged.text().contains("runs --privileged (podman's inspect of the container)"), privileged.text());
        assertTrue(privileged.whatToDo().contains("privileged = false"), privileged.whatToDo());
    }

    @Test
    void unprivilegedJobsAreFineAndTheRunLabelSpeaksForAContainerNotCreatedYet() {
        stored("concurrent = 1\n" + runner("pipglr-1", TOKEN_A, ""));

        Finding privileged = finding(read(), SecurityReview.PRIVILEGED);

        assertEquals(Weight.FINE, privileged.weight());
        assertTrue(privileged.text().startsWith("Jobs run unprivileged"), privileged.text());
        assertTrue(privileged.text().contains("runs --privileged (the image's run label)"), privileged.text());
    }

    @Test
    void privilegedServicesAloneAreReviewedToo() {
        stored("concurrent = 1\n" + runner("pipglr-1", TOKEN_A, "    services_privileged = true\n"));

        Finding privileged = finding(read(), SecurityReview.PRIVILEGED);

        assertEquals(Weight.REVIEW, privileged.weight());
        assertTrue(privileged.text().startsWith("Service containers run privileged"), privileged.text());
    }

    @Test
    void withNothingRegisteredNoJobRunsAndPodmanKeepsNoToken() {
        SecurityReview.Report report = read();

        assertEquals(Weight.FINE, finding(report, SecurityReview.PRIVILEGED).weight());
        assertTrue(finding(report, SecurityReview.PRIVILEGED).text().startsWith("No runner is registered yet"));
        assertEquals(Weight.FINE, finding(report, SecurityReview.SECRET).weight());
        assertEquals(Weight.FINE, finding(report, SecurityReview.SOCKETS).weight());
        assertEquals(
                List.of(), machine.ran().stream().filter(SECRET_INSPECT::equals).toList(), "nothing to inspect");
    }

    @Test
    void aConfigThatCannotBeReadSaysWhyInEachFindingThatNeedsIt() {
        stored(PRIVILEGED_A);
        podman.showsSecrets = false; // an older podman: read through dumpconfig, which fails
        podman.program = body -> FakePodman.Run.exits(1, "cat: /run/secrets/config.toml: Permission denied");

        SecurityReview.Report report = read();

        Finding privileged = finding(report, SecurityReview.PRIVILEGED);
        assertEquals(Weight.UNREADABLE, privileged.weight());
        assertTrue(
                privileged
                        .text()
                        .contains("config.toml could not be read (reading the stored configuration"
                                + " failed (dumpconfig exited with 1))"),
                privileged.text());
        assertEquals(Weight.UNREADABLE, finding(report, SecurityReview.SOCKETS).weight());
    }

    @Test
    void withoutPodmanEveryFindingSaysWhatItCouldNotReadAndTheRestIsRead() {
        Supplier<Podman> away = () -> {
            throw new PodmanUnavailableException(List.of());
        };
        machine.systemdRunning()
                .answer(List.of("loginctl", "show-user", "alice", "--property=Linger"), 0, "Linger=no\n", "");

        SecurityReview.Report report = new SecurityReview(machine).read(IMAGE, away);

        assertEquals(5, report.findings().size(), all(report));
        assertEquals(
                Weight.UNREADABLE, finding(report, SecurityReview.PRIVILEGED).weight());
        assertTrue(finding(report, SecurityReview.PRIVILEGED).text().contains("no podman service answers"));
        assertEquals(Weight.UNREADABLE, finding(report, SecurityReview.SOCKETS).weight());
        assertEquals(Weight.UNREADABLE, finding(report, SecurityReview.SECRET).weight(), "podman's CLI is not there");
        assertEquals(Weight.FINE, finding(report, SecurityReview.BACKUPS).weight());
        assertEquals(Weight.FINE, finding(report, SecurityReview.LINGER).weight());
    }

    @Test
    void theSecretFileIsFoundThroughPodmanSecretInspectAndItsOwnerAndModeRead() throws IOException {
        stored(PRIVILEGED_A);
        secretInspectSays("/srv/podman/secrets/filedriver");
        machine.answer(
                List.of("stat", "-c", "%U %a", "/srv/podman/secrets/filedriver/secretsdata.json"),
                0,
                "alice 600\n",
                "");

        Finding secret = finding(read(), SecurityReview.SECRET);

        assertEquals(Weight.FINE, secret.weight());
        assertTrue(
                secret.text()
                        .contains("/srv/podman/secrets/filedriver/secretsdata.json (podman's file driver,"
                                + " as podman secret inspect says)"),
                secret.text());
        assertTrue(secret.text().contains("Owner alice, mode 600: only alice and root can read it."), secret.text());
        assertFalse(machine.ran().stream().anyMatch(command -> command.contains("--showsecret")));
    }

    @Test
    void aSecretFileOthersCanReadIsReviewedWithTheCommandThatFixesIt() {
        stored(PRIVILEGED_A);
        secretInspectSays("/home/alice/.local/share/containers/storage/secrets/filedriver");
        machine.answer(List.of("stat", "-c", "%U %a", SECRET_DATA), 0, "alice 644\n", "");

        Finding secret = finding(read(), SecurityReview.SECRET);

        assertEquals(Weight.REVIEW, secret.weight());
        assertTrue(secret.text().endsWith("its group and every user of this machine can read it too."), secret.text());
        assertEquals("Chmod 600 " + SECRET_DATA + ".", secret.whatToDo());
    }

    @Test
    void withoutPodmansCliTheDefaultPlaceIsStatedAsSuch() {
        stored(PRIVILEGED_A);
        machine.answer(List.of("stat", "-c", "%U %a", SECRET_DATA), 0, "alice 600\n", "");

        Finding secret = finding(read(), SecurityReview.SECRET);

        assertEquals(Weight.FINE, secret.weight());
        assertTrue(
                secret.text().contains("podman's default place for your secrets; podman secret inspect said"),
                secret.text());
    }

    @Test
    void aSecretFileThatCannotBeStatedSaysWhatStatSaid() {
        stored(PRIVILEGED_A);
        secretInspectSays("/home/alice/.local/share/containers/storage/secrets/filedriver");
        machine.answer(
                List.of("stat", "-c", "%U %a", SECRET_DATA),
                1,
                "",
                "stat: cannot statx '" + SECRET_DATA + "': Permission denied\n");

        Finding secret = finding(read(), SecurityReview.SECRET);

        assertEquals(Weight.UNREADABLE, secret.weight());
        assertTrue(secret.text().contains("Permission denied"), secret.text());
    }

    @Test
    void anotherSecretDriverIsNamed() {
        stored(PRIVILEGED_A);
        machine.answer(SECRET_INSPECT, 0, "[{\"Spec\": {\"Driver\": {\"Name\": \"pass\", \"Options\": {}}}}]", "");

        Finding secret = finding(read(), SecurityReview.SECRET);

        assertEquals(Weight.WORTH_KNOWING, secret.weight());
        assertTrue(secret.text().contains("through its pass driver"), secret.text());
    }

    @Test
    void backupsAreCountedDatedAndThoseOfRemovedRunnersNamed() {
        stored("concurrent = 1\n" + runner("pipglr-1", TOKEN_A, ""));
        machine.file(
                BACKUPS + "/config.toml.20261127-120010-000", "concurrent = 1\n" + runner("pipglr-1", TOKEN_A, ""));
        machine.file(BACKUPS + "/config.toml.20261128-093000-500", PRIVILEGED_A);
        machine.file(BACKUPS + "/notes.txt", "not a backup");

        SecurityReview.Report report = read();
        Finding backups = finding(report, SecurityReview.BACKUPS);

        assertEquals(Weight.REVIEW, backups.weight());
        assertTrue(
                backups.text()
                        .startsWith("2 plaintext copies of config.toml, runner tokens included, are kept in "
                                + BACKUPS
                                + " (written for you only, mode 600): the oldest taken 2026-11-27 12:00:10, the"
                                + " newest 2026-11-28 09:30:00. 1 of them holds runners config.toml no longer"
                                + " lists (pipglr-2), with their tokens."),
                backups.text());
        assertTrue(backups.whatToDo().startsWith("Purge backups deletes them"), backups.whatToDo());
        assertTrue(backups.whatToDo().contains("still has a working token: delete it in GitLab"), backups.whatToDo());
        assertEquals(
                List.of(BACKUPS + "/config.toml.20261127-120010-000", BACKUPS + "/config.toml.20261128-093000-500"),
                report.backups().files());
        assertEquals(BACKUPS, report.backups().folder());
    }

    @Test
    void purgeDeletesTheListedBackupsAndNothingElse() throws IOException {
        machine.file(BACKUPS + "/config.toml.20261127-120010-000", PRIVILEGED_A);
        machine.file(BACKUPS + "/notes.txt", "not a backup");
        SecurityReview.Backups listed = new SecurityReview.Backups(
                BACKUPS, List.of(BACKUPS + "/config.toml.20261127-120010-000", "/home/alice/.bashrc"));
        machine.file("/home/alice/.bashrc", "mine");

        assertEquals(1, SecurityReview.purge(machine, listed));

        assertEquals(List.of("notes.txt"), machine.list(BACKUPS));
        assertTrue(machine.exists("/home/alice/.bashrc"), "only files named as backups are deleted");
        assertEquals(Weight.FINE, finding(read(), SecurityReview.BACKUPS).weight());
    }

    @Test
    void noBackupsButAnUnfinishedRegistrationIsWorthKnowing() {
        machine.file("/home/alice/.local/state/pipglr-setup/work/config.toml", PRIVILEGED_A);

        Finding backups = finding(read(), SecurityReview.BACKUPS);

        assertEquals(Weight.WORTH_KNOWING, backups.weight());
        assertTrue(backups.text().startsWith("No backup of config.toml is kept in " + BACKUPS + "."), backups.text());
        assertTrue(
                backups.text()
                        .contains("work/config.toml is the config.toml of a registration that did not" + " finish"),
                backups.text());
    }

    @Test
    void backupsWhoseRunnersCannotBeComparedSaySo() {
        stored(PRIVILEGED_A);
        podman.showsSecrets = false;
        podman.program = body -> FakePodman.Run.exits(1, "");
        machine.file(BACKUPS + "/config.toml.20261127-120010-000", PRIVILEGED_A);

        Finding backups = finding(read(), SecurityReview.BACKUPS);

        assertTrue(
                backups.text()
                        .contains("taken 2026-11-27 12:00:10. Whether it holds runners removed since is not"
                                + " known: config.toml could not be read"),
                backups.text());
    }

    @Test
    void jobsGivenTheNestedPodmanSocketAreReviewed() {
        stored("concurrent = 1\n"
                + runner(
                        "pipglr-1",
                        TOKEN_A,
                        "    volumes = [\"/cache\", \"/home/runner/podman.sock:/var/run/podman.sock:rw\"]\n"));

        Finding sockets = finding(read(), SecurityReview.SOCKETS);

        assertEquals(Weight.REVIEW, sockets.weight());
        assertTrue(
                sockets.text()
                        .startsWith("Jobs get a socket mounted: /home/runner/podman.sock:/var/run/podman.sock:rw"
                                + " (pipglr-1)."),
                sockets.text());
        assertTrue(sockets.text().contains("It does not reach your own podman"), sockets.text());
    }

    @Test
    void yourOwnPodmanSocketMountedIntoTheRunnerIsReviewed() {
        stored("concurrent = 1\n" + runner("pipglr-1", TOKEN_A, ""));
        running(
                "{\"HostConfig\": {\"Privileged\": true}, \"Mounts\": [{\"Type\": \"volume\", \"Name\": \"pipglr-cache\","
                        + " \"Source\": \"/v/pipglr-cache\", \"Destination\": \"/cache\"}, {\"Type\": \"bind\","
                        + " \"Source\": \"/run/user/1500/podman/podman.sock\", \"Destination\": \"/run/host.sock\"}]}");

        Finding sockets = finding(read(), SecurityReview.SOCKETS);

        assertEquals(Weight.REVIEW, sockets.weight());
        assertTrue(
                sockets.text()
                        .startsWith("The runner container gets /run/user/1500/podman/podman.sock from this"
                                + " machine (at /run/host.sock)."),
                sockets.text());
        assertTrue(sockets.text().contains("Jobs get no socket"), sockets.text());
    }

    @Test
    void pipglrsOwnSetupGivesJobsNoSocket() {
        stored("concurrent = 1\n" + runner("pipglr-1", TOKEN_A, "    volumes = [\"/cache\"]\n"));

        Finding sockets = finding(read(), SecurityReview.SOCKETS);

        assertEquals(Weight.FINE, sockets.weight());
        assertTrue(sockets.text().startsWith("Jobs get no socket"), sockets.text());
    }

    @Test
    void lingerOnIsWorthKnowingWithWhatKeepsRunning() {
        machine.systemdRunning()
                .answer(List.of("loginctl", "show-user", "alice", "--property=Linger"), 0, "Linger=yes\n", "");

        Finding linger = finding(read(), SecurityReview.LINGER);

        assertEquals(Weight.WORTH_KNOWING, linger.weight());
        assertTrue(linger.text().contains("keep running after you log out and start at boot"), linger.text());
        assertTrue(linger.whatToDo().contains("systemctl --user list-units --state=running"), linger.whatToDo());
    }

    @Test
    void withoutSystemdLingerSaysWhy() {
        Finding linger = finding(read(), SecurityReview.LINGER);

        assertEquals(Weight.FINE, linger.weight());
        assertTrue(linger.text().startsWith("Systemd is not running on this system"), linger.text());
    }

    @Test
    void noTokenAppearsAnywhereInTheReview() {
        stored(PRIVILEGED_A);
        running("{\"HostConfig\": {\"Privileged\": true}, \"Config\": {\"Env\": [\"RUNNER_TOKEN=" + TOKEN_A + "\"]}}");
        machine.file(BACKUPS + "/config.toml.20261127-120010-000", PRIVILEGED_A);
        machine.file("/home/alice/.local/state/pipglr-setup/work/config.toml", PRIVILEGED_A);
        secretInspectSays("/home/alice/.local/share/containers/storage/secrets/filedriver");
        machine.answer(List.of("stat", "-c", "%U %a", SECRET_DATA), 0, "alice 600\n", "");

        String said = read().toString();

        assertFalse(said.contains("glrt-"), said);
        assertFalse(said.contains("secretsecret"), said);
    }

    @Test
    void gitLabsRunnerSecurityGuidanceIsLinked() {
        assertTrue(read().links().stream()
                .anyMatch(link -> link.url().equals("https://docs.gitlab.com/runner/security/")));
    }
}
