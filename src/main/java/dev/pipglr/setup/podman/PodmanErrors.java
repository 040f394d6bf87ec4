package dev.pipglr.setup.podman;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.exception.DockerException;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.Locale;

/**
 * Turns docker-java and transport failures into short sentences. One place, so
 * every screen and command says the same thing for the same failure.
 */
final class PodmanErrors {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PodmanErrors() {
    }

    /** Why a socket could not be used, for the list of tried places. */
    static String whySocketFailed(Throwable failure) {
        String text = chainText(failure);
        if (text.contains("connection refused")) {
            return "the socket file exists but nothing answers (a stale socket: the service has stopped)";
        }
        if (text.contains("permission denied")) {
            return "no permission to open it (it belongs to another user)";
        }
        if (text.contains("no such file")) {
            return "no socket there";
        }
        if (hasCause(failure, SocketTimeoutException.class) || text.contains("timed out") || text.contains("timeout")) {
            return "it accepted the connection but did not answer in time";
        }
        if (text.contains("failed to respond") || text.contains("connection reset") || text.contains("broken pipe")
                || text.contains("premature end") || text.contains("connection closed") || text.contains("end of stream")) {
            return "the connection closed before podman answered (its service stopped or restarted?)";
        }
        return "it failed: " + rootMessage(failure);
    }

    /** A podman failure while doing something, as an exception with a readable message. */
    static PodmanException translate(String doing, RuntimeException failure) {
        if (failure instanceof PodmanException podman) {
            return podman;
        }
        if (failure instanceof DockerException docker) {
            return new PodmanException("podman could not " + doing + ": " + podmanMessage(docker.getMessage())
                    + " (HTTP " + docker.getHttpStatus() + ")", failure);
        }
        if (hasCause(failure, IOException.class)) {
            return new PodmanException("lost the connection to podman while trying to " + doing + ": "
                    + whySocketFailed(failure), failure);
        }
        return new PodmanException("could not " + doing + ": " + rootMessage(failure), failure);
    }

    /** podman answers {"cause","message","response"}; the message is the useful part. */
    static String podmanMessage(String body) {
        if (body == null) {
            return "no details";
        }
        int json = body.indexOf('{');
        if (json >= 0) {
            try {
                JsonNode node = JSON.readTree(body.substring(json));
                if (node.hasNonNull("message")) {
                    return node.get("message").asText();
                }
            } catch (IOException e) {
                // not JSON after all: show it as it is
            }
        }
        return body.strip();
    }

    private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String chainText(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            text.append(t.getMessage()).append(' ');
        }
        return text.toString().toLowerCase(Locale.ROOT);
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }
}
