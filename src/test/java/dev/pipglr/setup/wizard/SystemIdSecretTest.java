package dev.pipglr.setup.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pipglr.setup.runlabel.ContainerSpec;
import dev.pipglr.setup.runlabel.ContainerfileLabels;
import dev.pipglr.setup.runlabel.Runlabel;
import dev.pipglr.setup.runlabel.RunlabelException;
import dev.pipglr.setup.runlabel.RunlabelParser;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class SystemIdSecretTest {

    /** Upstream's run label as its README gives it. */
    private static final String UPSTREAM_RUN = "podman run -dt --name pipglr --secret config.toml,uid=1001,gid=1001"
            + " -v pipglr-storage:/home/podman/.local/share/containers -v pipglr-cache:/cache --systemd true"
            + " --privileged --device /dev/fuse $IMAGE";

    private static ContainerSpec runLabel(String text) throws RunlabelException {
        return ((Runlabel.RunContainer) new RunlabelParser("registry.example/pipglr:latest", "pipglr", Path.of("/work"))
                        .parse("run", text))
                .spec();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> secretFiles(ContainerSpec spec) {
        return (List<Map<String, Object>>) spec.libpodCreateBody().get("secrets");
    }

    @Test
    void theIdIsMountedBesideTheConfigForItsUserReadOnlyInTheCommandAndTheRequestAlike() throws Exception {
        FakePodman podman = new FakePodman("5.4.2", true);
        ContainerSpec spec = SystemIdSecret.mounted(podman, runLabel(UPSTREAM_RUN), Optional::empty);

        String id = podman.secretValues.get(SystemIdSecret.SECRET);
        assertTrue(id.matches("r_[0-9a-zA-Z]{12}"), id);
        String option = "pipglr-system-id,type=mount,target=/run/secrets/.runner_system_id,uid=1001,gid=1001,mode=0444";
        assertTrue(spec.commandLine().contains("--secret=" + option), spec.commandLine());
        assertEquals(
                Map.of(
                        "source", "pipglr-system-id",
                        "target", "/run/secrets/.runner_system_id",
                        "uid", 1001,
                        "gid", 1001,
                        "mode", 0444),
                secretFiles(spec).get(1));
        assertEquals("config.toml", secretFiles(spec).get(0).get("source"), "the label's own secret stays first");
        // what CreationCheck and the Quadlet unit read
        assertTrue(spec.secrets().stream().anyMatch(secret -> secret.source().equals(SystemIdSecret.SECRET)));
        assertTrue(QuadletUnit.render(spec, false).contains("Secret=" + option));
    }

    @Test
    void theIdTheRunnerRunsWithIsKeptElseANewOneAsGitlabRunnerMakesIt() throws Exception {
        FakePodman podman = new FakePodman("5.4.2", true);
        SystemIdSecret.mounted(podman, runLabel(UPSTREAM_RUN), () -> Optional.of("s_0123456789ab"));
        assertEquals("s_0123456789ab", podman.secretValues.get(SystemIdSecret.SECRET));

        // kept: a later start never replaces it
        SystemIdSecret.mounted(podman, runLabel(UPSTREAM_RUN), () -> Optional.of("s_ffffffffffff"));
        assertEquals("s_0123456789ab", podman.secretValues.get(SystemIdSecret.SECRET));

        // what gitlab-runner would not read is not kept
        for (String malformed : List.of("s_0123", "x_0123456789ab", "s_0123456789ab\nmore", "")) {
            FakePodman fresh = new FakePodman("5.4.2", true);
            SystemIdSecret.mounted(fresh, runLabel(UPSTREAM_RUN), () -> Optional.of(malformed));
            String made = fresh.secretValues.get(SystemIdSecret.SECRET);
            assertTrue(made.matches("r_[0-9a-zA-Z]{12}"), malformed + " -> " + made);
        }
        Set<String> made = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            made.add(SystemIdSecret.newId());
        }
        assertEquals(200, made.size(), "random, not fixed");
    }

    @Test
    void aConfigElsewhereGetsItsIdBesideIt() throws Exception {
        FakePodman podman = new FakePodman("5.4.2", true);
        ContainerSpec spec = SystemIdSecret.mounted(
                podman,
                runLabel("podman run -d --name pipglr --secret config.toml,target=/etc/gitlab-runner/config.toml"
                        + " $IMAGE"),
                Optional::empty);
        assertEquals(
                "/etc/gitlab-runner/.runner_system_id", secretFiles(spec).get(1).get("target"));
        assertEquals(0, secretFiles(spec).get(1).get("uid"), "the config secret's owner: podman's default, root");
    }

    @Test
    void nothingIsAddedWhereTheLabelGivesNoConfigFileOrMountsThatPathItself() throws Exception {
        FakePodman podman = new FakePodman("5.4.2", true);
        for (String label : List.of(
                "podman run -d --name pipglr $IMAGE",
                "podman run -d --name pipglr --secret config.toml,type=env,target=CONFIG $IMAGE",
                "podman run -d --name pipglr --secret config.toml --secret myid,target=.runner_system_id $IMAGE",
                "podman run -d --name pipglr --secret config.toml -v ids:/run/secrets/.runner_system_id $IMAGE")) {
            ContainerSpec spec = runLabel(label);
            assertSame(spec, SystemIdSecret.mounted(podman, spec, Optional::empty), label);
        }
        assertFalse(podman.secretExists(SystemIdSecret.SECRET), "no secret made for a label that cannot use it");
    }

    @Test
    void whatIsWrittenForLaterNeverMakesTheSecret() throws Exception {
        FakePodman podman = new FakePodman("5.4.2", true);
        ContainerSpec spec = runLabel(UPSTREAM_RUN);
        assertSame(spec, SystemIdSecret.mountedIfKept(podman, spec));
        assertFalse(podman.secretExists(SystemIdSecret.SECRET));

        podman.createSecret(SystemIdSecret.SECRET, "s_0123456789ab".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertTrue(SystemIdSecret.mountedIfKept(podman, spec).commandLine().contains("--secret=pipglr-system-id,"));
    }

    @Test
    void thisRepositorysRunLabelGetsItToo() throws Exception {
        ContainerSpec spec = SystemIdSecret.mounted(
                new FakePodman("5.4.2", true),
                runLabel(ContainerfileLabels.read().get("run")),
                Optional::empty);
        assertTrue(
                spec.secrets().stream()
                        .anyMatch(secret -> secret.effectiveTarget().equals("/run/secrets/.runner_system_id")),
                spec.commandLine());
    }
}
