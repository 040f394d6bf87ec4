package dev.pipglr.setup.runlabel;

import java.util.Map;

/** One call to podman's libpod API; {@code body} is null for calls without one. */
public record ApiRequest(String method, String path, Map<String, Object> body, String purpose) {

    /** libpod paths are versioned; podman 4.x and 5.x both answer v4.0.0. */
    public static final String LIBPOD = "/v4.0.0/libpod";
    /** The Docker-compatible paths docker-java sends. */
    public static final String COMPAT = "/v1.41";
}
