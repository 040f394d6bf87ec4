package dev.pipglr.setup.podman;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.exception.DockerException;
import dev.pipglr.setup.podman.PodmanException.Kind;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.Locale;

/**
 * Turns docker-java and transport failures, and podman's own answers, into short sentences and a
 * {@link PodmanException.Kind}. The one place that reads meaning into error text, so every screen and command says the
 * same thing for the same failure, and a caller that acts on one asks its kind.
 */
public final class PodmanErrors {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PLAIN_HTTP = "server gave HTTP response to HTTPS client";

    private PodmanErrors() {}

    /** Why a socket could not be used, for the list of tried places. */
    static String whySocketFailed(Throwable failure) {
        return socketFailure(failure).reason();
    }

    /** A connection (or a ping) that failed, with the reason fit for the list of tried places. */
    static PodmanException connectionFailed(Throwable failure) {
        SocketFailure why = socketFailure(failure);
        return new PodmanException(why.kind(), why.reason(), failure);
    }

    private record SocketFailure(Kind kind, String reason) {}

    private static SocketFailure socketFailure(Throwable failure) {
        String text = chainText(failure);
        if (text.contains("connection refused")) {
            return new SocketFailure(
                    Kind.UNREACHABLE,
                    "the socket file exists but nothing answers (a stale socket: the service has stopped)");
        }
        if (text.contains("permission denied")) {
            return new SocketFailure(Kind.PERMISSION, "no permission to open it (it belongs to another user)");
        }
        if (text.contains("no such file")) {
            return new SocketFailure(Kind.UNREACHABLE, "no socket there");
        }
        if (hasCause(failure, SocketTimeoutException.class) || text.contains("timed out") || text.contains("timeout")) {
            return new SocketFailure(Kind.TIMEOUT, "it accepted the connection but did not answer in time");
        }
        if (text.contains("failed to respond")
                || text.contains("connection reset")
                || text.contains("broken pipe")
                || text.contains("premature end")
                || text.contains("connection closed")
                || text.contains("end of stream")) {
            return new SocketFailure(
                    Kind.UNREACHABLE,
                    "the connection closed before podman answered (its service stopped or restarted?)");
        }
        return new SocketFailure(Kind.UNREACHABLE, "it failed: " + rootMessage(failure));
    }

    /** A podman failure while doing something, as an exception with a readable message. */
    static PodmanException translate(String doing, RuntimeException failure) {
        if (failure instanceof PodmanException podman) {
            return podman;
        }
        if (failure instanceof DockerException docker) {
            return refused(doing, docker.getHttpStatus(), podmanMessage(docker.getMessage()), failure);
        }
        if (hasCause(failure, IOException.class)) {
            SocketFailure why = socketFailure(failure);
            return new PodmanException(
                    why.kind(),
                    "lost the connection to podman while trying to " + doing + ": " + why.reason(),
                    failure);
        }
        return new PodmanException("could not " + doing + ": " + rootMessage(failure), failure);
    }

    /** podman refused a request: its own words and the HTTP status. */
    static PodmanException refused(String doing, int status, String message) {
        return refused(doing, status, message, null);
    }

    private static PodmanException refused(String doing, int status, String message, Throwable cause) {
        return new PodmanException(
                kindOf(status, message),
                "podman could not " + doing + ": " + message + " (HTTP " + status + ")",
                cause);
    }

    /** What podman's answer to a request (its HTTP status and its own words) says went wrong. */
    static Kind kindOf(int status, String message) {
        if (message.contains("statfs") || message.contains("permission denied") || message.contains("no such file")) {
            return Kind.PATH_UNSEEN; // podman checks a bind mount's source with statfs when it creates the container
        }
        if (message.contains("state improper")) {
            return Kind.REFUSED; // podman's 409 for a container not in the state the request needs
        }
        if (nameInUse(status, message) || message.contains("in use") || message.contains("already exists")) {
            return Kind.NAME_IN_USE;
        }
        if (imageMissing(status, message)) {
            return Kind.NOT_FOUND;
        }
        if (status == 401 || status == 403) {
            return Kind.PERMISSION;
        }
        if (status == 408 || status == 504 || message.contains("deadline exceeded") || message.contains("timed out")) {
            return Kind.TIMEOUT;
        }
        return status >= 500 ? Kind.SERVER_ERROR : Kind.REFUSED;
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
        boolean unreachable = registryUnreachable(error);
        return new PodmanException(
                unreachable ? Kind.UNREACHABLE : registryKind(error),
                "podman could not " + doing + ": " + error
                        + (unreachable
                                ? " (the registry cannot be reached: check the network, or build the image locally)"
                                : ""));
    }

    /** podman could not read an image's manifest from its registry: its words, and what to do about the usual ones. */
    static PodmanException registryRefused(String image, String error) {
        String host = image.contains("/") ? image.substring(0, image.indexOf('/')) : image;
        Kind kind = registryKind(error);
        String hint = switch (kind) {
            case PERMISSION -> "the registry wants a login: podman login " + host;
            case NOT_FOUND -> "the registry has no image by that name and tag; check the image name";
            case UNREACHABLE -> "the registry cannot be reached: check the network";
            default ->
                error.contains(PLAIN_HTTP)
                        ? "the registry speaks plain HTTP: mark " + host
                                + " insecure in registries.conf if that is intended"
                        : "";
        };
        return new PodmanException(
                kind,
                "podman could not read " + image + " from its registry: " + error
                        + (hint.isEmpty() ? "" : " (" + hint + ")"));
    }

    /** What a registry's refusal, as podman passes it on, says went wrong. */
    private static Kind registryKind(String error) {
        if (error.contains("unauthorized") || error.contains("authentication required") || error.contains("denied")) {
            return Kind.PERMISSION;
        }
        if (error.contains("manifest unknown") || error.contains("not found") || error.contains("name unknown")) {
            return Kind.NOT_FOUND;
        }
        return !error.contains(PLAIN_HTTP) && registryUnreachable(error) ? Kind.UNREACHABLE : Kind.REFUSED;
    }

    private static boolean registryUnreachable(String error) {
        return error.contains("dial tcp")
                || error.contains("no such host")
                || error.contains("connection refused")
                || error.contains("i/o timeout");
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
