package dev.pipglr.setup.podman;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.exception.DockerException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.Locale;

/**
 * Turns docker-java and transport failures, and podman's own answers, into short sentences. The one place that reads
 * meaning into error text, so every screen and command says the same thing for the same failure.
 */
public final class PodmanErrors {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PodmanErrors() {}

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
        if (text.contains("failed to respond")
                || text.contains("connection reset")
                || text.contains("broken pipe")
                || text.contains("premature end")
                || text.contains("connection closed")
                || text.contains("end of stream")) {
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
            return new PodmanException(
                    "podman could not " + doing + ": " + podmanMessage(docker.getMessage()) + " (HTTP "
                            + docker.getHttpStatus() + ")",
                    failure);
        }
        if (hasCause(failure, IOException.class)) {
            return new PodmanException(
                    "lost the connection to podman while trying to " + doing + ": " + whySocketFailed(failure),
                    failure);
        }
        return new PodmanException("could not " + doing + ": " + rootMessage(failure), failure);
    }

    /** podman refused a request: its own words and the HTTP status. */
    static PodmanException refused(String doing, int status, String message) {
        return new PodmanException("podman could not " + doing + ": " + message + " (HTTP " + status + ")");
    }

    /** A create of a secret failed because the name is taken (409, or 500 "in use" from older podman). */
    static boolean nameInUse(int status, String message) {
        return status == 409 || (status == 500 && message.contains("in use"));
    }

    /** A container create failed because the image is not stored. */
    static boolean imageMissing(int status, String message) {
        return status == 404 || message.contains("image not known");
    }

    /** A pull's error line, with what to do when the registry cannot be reached. */
    static PodmanException pullFailed(String doing, String error) {
        boolean unreachable = error.contains("dial tcp")
                || error.contains("no such host")
                || error.contains("connection refused")
                || error.contains("i/o timeout");
        return new PodmanException("podman could not " + doing + ": " + error
                + (unreachable
                        ? " (the registry cannot be reached: check the network, or build the image locally)"
                        : ""));
    }

    /** podman could not read an image's manifest from its registry: its words, and what to do about the usual ones. */
    static PodmanException registryRefused(String image, String error) {
        String host = image.contains("/") ? image.substring(0, image.indexOf('/')) : image;
        String hint;
        if (error.contains("unauthorized") || error.contains("authentication required") || error.contains("denied")) {
            hint = "the registry wants a login: podman login " + host;
        } else if (error.contains("manifest unknown")
                || error.contains("not found")
                || error.contains("name unknown")) {
            hint = "the registry has no image by that name and tag; check the image name";
        } else if (error.contains("server gave HTTP response to HTTPS client")) {
            hint = "the registry speaks plain HTTP: mark " + host + " insecure in registries.conf if that is intended";
        } else if (error.contains("dial tcp")
                || error.contains("no such host")
                || error.contains("connection refused")
                || error.contains("i/o timeout")) {
            hint = "the registry cannot be reached: check the network";
        } else {
            hint = "";
        }
        return new PodmanException("podman could not read " + image + " from its registry: " + error
                + (hint.isEmpty() ? "" : " (" + hint + ")"));
    }

    /**
     * Whether podman refused a container because it cannot see one of its bind-mount sources (it checks them at
     * create): a podman of another user or in another file system says "statfs PATH: ...".
     */
    public static boolean bindSourceUnseen(PodmanException failure) {
        String message = String.valueOf(failure.getMessage());
        return message.contains("statfs") || message.contains("permission denied") || message.contains("no such file");
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
