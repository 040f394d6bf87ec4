package dev.pipglr.setup.testhost;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The real podman test hosts that bin/test-all starts (src/test/hosts/). An
 * integration test without them fails with instructions instead of skipping.
 */
public final class TestHosts {

    private TestHosts() {}

    /**
     * bin/test-all runs the host lanes in two failsafe JVMs side by side, each with a test workstation of its own:
     * the second JVM ({@code pipglr.fork} = 2) reads the second workstation's {@code WS2_*} variables where they
     * are set; everything else (the images, the other hosts) is shared.
     */
    public static String require(String variable) {
        String value = System.getenv(forkVariable(variable));
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(variable + " is not set: integration tests need the podman test hosts. "
                    + "Run bin/test-all (as root), or start src/test/hosts/host-podman.sh and workstation.sh "
                    + "and export what they print.");
        }
        return value;
    }

    static String forkVariable(String variable) {
        String fork = System.getProperty("pipglr.fork", "1");
        if (!fork.equals("1") && variable.startsWith("WS_")) {
            String own = "WS" + fork + "_" + variable.substring("WS_".length());
            String value = System.getenv(own);
            if (value != null && !value.isBlank()) {
                return own;
            }
        }
        return variable;
    }

    /** The machine's own podman 4.3.1 service. */
    public static Path hostPodmanSocket() {
        return existing(Path.of(require("HOST_PODMAN_SOCKET")));
    }

    /** alice's rootless podman 5.x API in the test workstation, as seen from this machine. */
    public static Path workstationSocket() {
        return existing(Path.of(require("WS_SOCKET")));
    }

    public static WorkstationMachine workstation() {
        return new WorkstationMachine(
                require("WS_CONTAINER"), require("WS_USER"), Long.parseLong(require("WS_UID")), workstationSocket());
    }

    /**
     * The workstation's files and commands as another of its users (e.g. root), still with
     * the rootless user's podman socket: the wizard started as the wrong user, or pointed
     * at someone else's podman with CONTAINER_HOST.
     */
    public static WorkstationMachine workstationAs(String user, long uid) {
        return new WorkstationMachine(require("WS_CONTAINER"), user, uid, workstationSocket());
    }

    /** The busybox-based pipglr test image in the workstation user's storage (src/test/hosts/test-image.sh). */
    public static String testImage() {
        return require("TEST_IMAGE");
    }

    /** The fleet test's runner hosts (src/test/hosts/fleet.sh), as machines reached like the workstation. */
    public static List<WorkstationMachine> fleet() {
        List<String> names = List.of(require("FLEET_HOSTS").split(","));
        List<String> sockets = List.of(require("FLEET_SOCKETS").split(","));
        List<WorkstationMachine> hosts = new java.util.ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            hosts.add(new WorkstationMachine(
                    names.get(i), require("WS_USER"), Long.parseLong(require("WS_UID")), Path.of(sockets.get(i))));
        }
        return hosts;
    }

    /** Restarts the workstation's API service (src/test/hosts/workstation.sh restart-api) and waits for it. */
    public static void restartWorkstationApi() {
        restartApi(require("WS_CONTAINER"), workstationSocket());
    }

    /** Restarts the API service of a test host (the workstation or a fleet host) and waits for it. */
    public static void restartApi(String container, Path socket) {
        try {
            ProcessBuilder builder = new ProcessBuilder("src/test/hosts/workstation.sh", "restart-api").inheritIO();
            builder.environment().put("PIPGLR_WS_NAME", container);
            Process process = builder.start();
            if (process.waitFor() != 0) {
                throw new IllegalStateException("workstation.sh restart-api failed");
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        waitForApi(socket);
    }

    /** Waits until the workstation's API answers again (after its service was restarted). */
    public static void waitForWorkstationApi() {
        waitForApi(workstationSocket());
    }

    private static void waitForApi(Path socket) {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try (var podman = dev.pipglr.setup.podman.DockerJavaPodman.connect(
                    new dev.pipglr.setup.podman.SocketCandidate("test workstation", socket),
                    java.time.Duration.ofSeconds(2))) {
                return;
            } catch (RuntimeException notYet) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        throw new IllegalStateException("the workstation's podman API did not come back at " + socket);
    }

    private static Path existing(Path socket) {
        if (!Files.exists(socket)) {
            throw new IllegalStateException(
                    socket + " does not exist: is the test host still running? (bin/test-all starts it)");
        }
        return socket;
    }
}
