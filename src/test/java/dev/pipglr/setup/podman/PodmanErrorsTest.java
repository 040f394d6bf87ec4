package dev.pipglr.setup.podman;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.pipglr.setup.podman.PodmanException.Kind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Tag("unit")
class PodmanErrorsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            localhost:2375 failed to respond | the connection closed before podman answered (its service stopped or restarted?) | UNREACHABLE
            Connection reset                 | the connection closed before podman answered (its service stopped or restarted?) | UNREACHABLE
            Broken pipe                      | the connection closed before podman answered (its service stopped or restarted?) | UNREACHABLE
            Connection refused               | the socket file exists but nothing answers (a stale socket: the service has stopped) | UNREACHABLE
            No such file or directory        | no socket there                                                                   | UNREACHABLE
            Permission denied                | no permission to open it (it belongs to another user)                             | PERMISSION
            Read timed out                   | it accepted the connection but did not answer in time                            | TIMEOUT
            """)
    void aBrokenConnectionIsToldInWordsNotJavaTypes(String transportText, String said, Kind kind) {
        RuntimeException failure = new UncheckedIOException(new IOException(transportText));

        PodmanException translated = PodmanErrors.translate("remove the secret config.toml", failure);

        assertEquals(
                "lost the connection to podman while trying to remove the secret config.toml: " + said,
                translated.getMessage());
        assertEquals(kind, translated.kind());
        assertEquals(kind, PodmanErrors.connectionFailed(failure).kind(), "a ping that fails the same way");
    }

    /** podman's own answer to a request: its HTTP status and its words decide the kind, here and nowhere else. */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            404 | no container with name or ID "pipglr" found: no such container                        | NOT_FOUND
            500 | quay.io/x/pipglr:latest: image not known                                             | NOT_FOUND
            409 | secret name in use                                                                   | NAME_IN_USE
            500 | secret name in use                                                                   | NAME_IN_USE
            500 | the container name "pipglr" is already in use by 0123abcd                            | NAME_IN_USE
            500 | volume with name pipglr-cache already exists: volume already exists                  | NAME_IN_USE
            500 | statfs /home/alice/.local/share/pipglr-setup/work: permission denied                 | PATH_UNSEEN
            500 | statfs /srv/pipglr: no such file or directory                                        | PATH_UNSEEN
            401 | unauthorized                                                                         | PERMISSION
            403 | forbidden                                                                            | PERMISSION
            504 | gateway timeout                                                                      | TIMEOUT
            500 | context deadline exceeded                                                            | TIMEOUT
            409 | can only create exec sessions on running containers: container state improper        | REFUSED
            400 | invalid reference format                                                             | REFUSED
            500 | crun: cannot set memory limit: Invalid argument                                      | SERVER_ERROR
            """)
    void podmansRefusalHasItsKind(int status, String podmanSaid, Kind kind) {
        PodmanException refused = PodmanErrors.refused("create the container pipglr", status, podmanSaid);

        assertEquals(kind, refused.kind());
        assertEquals(
                "podman could not create the container pipglr: " + podmanSaid + " (HTTP " + status + ")",
                refused.getMessage());
    }

    @Test
    void aDockerJavaRefusalIsReadAsPodmansOwn() {
        PodmanException notFound =
                PodmanErrors.translate("inspect pipglr", new NotFoundException("{\"message\":\"no such container\"}"));
        PodmanException conflict = PodmanErrors.translate(
                "create the secret x", new ConflictException("{\"message\":\"secret name in use\"}"));

        assertEquals(Kind.NOT_FOUND, notFound.kind());
        assertEquals("podman could not inspect pipglr: no such container (HTTP 404)", notFound.getMessage());
        assertEquals(Kind.NAME_IN_USE, conflict.kind());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Get "https://quay.io/v2/": dial tcp: lookup quay.io: no such host                  | UNREACHABLE | true
            Get "https://quay.io/v2/": dial tcp 10.0.0.1:443: connect: permission denied      | UNREACHABLE | true
            reading manifest nope in quay.io/x/pipglr: manifest unknown                         | NOT_FOUND   | false
            unauthorized: access to the requested resource is not authorized                    | PERMISSION  | false
            parsing reference "quay.io/x/PIPGLR": invalid reference format                     | REFUSED     | false
            """)
    void aPullsErrorLineHasItsKind(String error, Kind kind, boolean unreachableHint) {
        PodmanException failed = PodmanErrors.pullFailed("pull quay.io/x/pipglr:latest", error);

        assertEquals(kind, failed.kind());
        assertEquals(unreachableHint, failed.getMessage().endsWith("or build the image locally)"));
    }

    @Test
    void noServiceIsUnreachableAndTheWizardsOwnFindingsAreOther() {
        assertEquals(Kind.UNREACHABLE, new PodmanUnavailableException(List.of()).kind());
        assertEquals(Kind.OTHER, new PodmanException("podman answered the wait with something else").kind());
        assertEquals(
                Kind.OTHER,
                PodmanErrors.translate("inspect pipglr", new IllegalStateException("no JSON"))
                        .kind());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            reading manifest latest in quay.io/x/pipglr: unauthorized: access to the requested resource is not authorized | the registry wants a login: podman login quay.io                                      | PERMISSION
            reading manifest nope in quay.io/x/pipglr: manifest unknown                                                | the registry has no image by that name and tag; check the image name                | NOT_FOUND
            pinging container registry quay.io: Get "https://quay.io/v2/": dial tcp: lookup quay.io: no such host         | the registry cannot be reached: check the network                                   | UNREACHABLE
            pinging container registry quay.io: Get "https://quay.io/v2/": http: server gave HTTP response to HTTPS client | the registry speaks plain HTTP: mark quay.io insecure in registries.conf if that is intended | REFUSED
            """)
    void aRegistrysRefusalSaysWhatToDo(String podmanSaid, String hint, Kind kind) {
        PodmanException refused = PodmanErrors.registryRefused("quay.io/x/pipglr:latest", podmanSaid);

        assertEquals(
                "podman could not read quay.io/x/pipglr:latest from its registry: " + podmanSaid + " (" + hint + ")",
                refused.getMessage());
        assertEquals(kind, refused.kind());
    }
}
