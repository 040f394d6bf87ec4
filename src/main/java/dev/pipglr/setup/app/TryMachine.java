package dev.pipglr.setup.app;

import dev.pipglr.setup.host.CommandResult;
import dev.pipglr.setup.host.ContainerMachine;
import dev.pipglr.setup.host.Machine;
import dev.pipglr.setup.host.ShellQuoting;
import dev.pipglr.setup.podman.PodmanException;
import dev.pipglr.setup.podman.ReadOnlyPodman;
import dev.pipglr.setup.podman.SocketCandidate;
import dev.pipglr.setup.wizard.ImageChoice;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Try mode: the wizard acts on the disposable podman 5 test workstation that src/test/hosts/workstation.sh runs in a
 * container (bin/pipglr-setup --try starts it and removes it when the window closes), not on this machine. Its user
 * (alice), her files, loginctl and /etc/subuid are the workstation's, reached with podman exec; her podman API through
 * the socket the workstation exposes in the folder it shares with this machine. The paths inside are that script's.
 */
final class TryMachine {

    static final String DEFAULT_USER = "alice";

    /** test-image.sh's busybox-based stand-in, labelled like pipglr: the real image needs a registry. */
    static final String STAND_IN_IMAGE = "localhost/pipglr-test:latest";

    /** Where workstation.sh mounts the shared folder inside the workstation. */
    private static final String SHARE_INSIDE = "/srv/share";

    private static final String SOCKET_NAME = "podman.sock";
    private static final Duration SERVICE_START = Duration.ofSeconds(30);

    /**
     * @param share the folder on this machine that the workstation sees as {@code /srv/share}
     */
    record Layout(String container, String user, Path share) {

        Path socket() {
            return share.resolve(SOCKET_NAME);
        }

        /** The runtime dir of the user's API service, as workstation.sh starts it. */
        String podmanRuntimeDir() {
            return "/run/pipglr-test-" + user;
        }
    }

    private final Layout layout;
    private final ContainerMachine machine;

    private TryMachine(Layout layout, ContainerMachine machine) {
        this.layout = layout;
        this.machine = machine;
    }

    /**
     * @param here this machine, whose PIPGLR_IMAGE (if set) overrides the stand-in image
     * @throws IOException when the workstation is not running
     */
    static TryMachine open(Layout layout, Machine here) throws IOException {
        Map<String, String> wizardSide = Map.of(
                "CONTAINER_HOST",
                "unix://" + layout.socket(),
                ImageChoice.ENVIRONMENT,
                here.env(ImageChoice.ENVIRONMENT).orElse(STAND_IN_IMAGE));
        ContainerMachine inside =
                ContainerMachine.open(layout.container(), layout.user(), layout.podmanRuntimeDir(), wizardSide);
        // what restarts it here, typed where the try machine was started (this repository, as root)
        inside.podmanServiceRestartsWith(ShellQuoting.command(List.of(
                "env",
                "PIPGLR_WS_NAME=" + layout.container(),
                "PIPGLR_WS_SHARE=" + layout.share(),
                "src/test/hosts/workstation.sh",
                "restart-api")));
        return new TryMachine(layout, inside);
    }

    Machine machine() {
        return machine;
    }

    /** The window's title: what the wizard acts on. */
    String title() {
        return title(layout);
    }

    /** Above every page: what the wizard acts on, and that the image is not the real one. */
    String banner() {
        return banner(layout, machine.env(ImageChoice.ENVIRONMENT).orElse(STAND_IN_IMAGE));
    }

    static String title(Layout layout) {
        return "Trying on a disposable machine (" + layout.container() + ")";
    }

    static String banner(Layout layout, String image) {
        return title(layout) + ": a Debian 13 container with podman 5 and the user " + layout.user()
                + ", removed when this window closes. Nothing here changes this computer. The image is a stand-in ("
                + image + "): busybox with pipglr's labels and a pretend gitlab-runner that registers and runs"
                + " without GitLab.";
    }

    /**
     * Starts the user's podman API service again, as workstation.sh does: after podman system migrate the running one
     * still maps the old subordinate IDs, and it is also what "start podman" means here.
     */
    void restartPodmanService() throws IOException {
        String socketInside = SHARE_INSIDE + "/" + SOCKET_NAME;
        String user = layout.user();
        CommandResult stopped = machine.runAsRoot(
                List.of(
                        "sh",
                        "-c",
                        "pkill -u \"$1\" -f 'podman system servic[e]'; rm -f \"$2\"; install -d -o \"$1\" -g \"$1\""
                                + " -m 0700 \"$3\"",
                        "sh",
                        user,
                        socketInside,
                        layout.podmanRuntimeDir()),
                SERVICE_START);
        if (!stopped.succeeded()) {
            throw new IOException(
                    "cannot stop the podman service in " + layout.container() + ": " + stopped.firstErrorLine());
        }
        machine.startDetached(List.of("podman", "system", "service", "--time=0", "unix://" + socketInside));
        long deadline = System.nanoTime() + SERVICE_START.toNanos();
        SocketCandidate socket = new SocketCandidate("the try machine's podman", layout.socket());
        while (true) {
            try (ReadOnlyPodman answered = ReadOnlyPodman.connect(socket, Duration.ofSeconds(2))) {
                machine.runAsRoot(List.of("chmod", "0666", socketInside), SERVICE_START);
                return;
            } catch (PodmanException e) {
                if (System.nanoTime() > deadline) {
                    throw new IOException(
                            "the podman service in " + layout.container() + " did not answer within "
                                    + SERVICE_START.toSeconds() + " s: " + e.getMessage(),
                            e);
                }
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while starting podman in " + layout.container(), e);
            }
        }
    }
}
