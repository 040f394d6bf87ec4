package dev.pipglr.setup.podman;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Tag("unit")
class PodmanErrorsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            localhost:2375 failed to respond | the connection closed before podman answered (its service stopped or restarted?)
            Connection reset                 | the connection closed before podman answered (its service stopped or restarted?)
            Broken pipe                      | the connection closed before podman answered (its service stopped or restarted?)
            Connection refused               | the socket file exists but nothing answers (a stale socket: the service has stopped)
            No such file or directory        | no socket there
            Read timed out                   | it accepted the connection but did not answer in time
            """)
    void aBrokenConnectionIsToldInWordsNotJavaTypes(String transportText, String said) {
        RuntimeException failure = new UncheckedIOException(new IOException(transportText));

        PodmanException translated = PodmanErrors.translate("remove the secret config.toml", failure);

        assertEquals(
                "lost the connection to podman while trying to remove the secret config.toml: " + said,
                translated.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            reading manifest latest in quay.io/x/pipglr: unauthorized: access to the requested resource is not authorized | the registry wants a login: podman login quay.io
            reading manifest nope in quay.io/x/pipglr: manifest unknown                                                | the registry has no image by that name and tag; check the image name
            pinging container registry quay.io: Get "https://quay.io/v2/": dial tcp: lookup quay.io: no such host         | the registry cannot be reached: check the network
            """)
    void aRegistrysRefusalSaysWhatToDo(String podmanSaid, String hint) {
        PodmanException refused = PodmanErrors.registryRefused("quay.io/x/pipglr:latest", podmanSaid);

        assertEquals(
                "podman could not read quay.io/x/pipglr:latest from its registry: " + podmanSaid + " (" + hint + ")",
                refused.getMessage());
    }
}
