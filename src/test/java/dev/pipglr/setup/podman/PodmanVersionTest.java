package dev.pipglr.setup.podman;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Tag("unit")
class PodmanVersionTest {

    @ParameterizedTest(name = "{0} supported={2}")
    @CsvSource(delimiter = '|', textBlock = """
            podman version 4.3.1   | 4.3.1      | false
            4.7.2                  | 4.7.2      | false
            4.8                    | 4.8        | true
            4.8.0                  | 4.8.0      | true
            5.4.2                  | 5.4.2      | true
            podman version 5.0.0-dev | 5.0.0-dev | true
            10.0.0                 | 10.0.0     | true
            3.99.99                | 3.99.99    | false
            """)
    void findsTheVersionAndGatesAt48(String text, String version, boolean supported) {
        PodmanVersion found = PodmanVersion.find(text).orElseThrow();

        assertEquals(version, found.text());
        assertEquals(supported, found.isSupported());
    }

    @org.junit.jupiter.api.Test
    void textWithoutAVersionFindsNothing() {
        assertTrue(PodmanVersion.find("podman: command not found").isEmpty());
        assertTrue(PodmanVersion.find(null).isEmpty());
    }
}
