package dev.pipglr.setup.podman;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** One HTTP request to podman's API socket and its answer; {@link LibpodClient} says what to ask. */
interface ApiTransport extends AutoCloseable {

    /**
     * @param body null for none
     * @throws IOException when the socket fails or podman does not answer in time
     */
    Answer send(String method, String path, byte[] body, String contentType) throws IOException;

    @Override
    void close();

    /** An answer whose body is read as it comes; close it to end the exchange. */
    interface Answer extends Closeable {
        int status();

        Optional<String> header(String name);

        InputStream body();
    }
}
