package dev.pipglr.setup.podman;

import java.util.Map;

public record VolumeSummary(String name, String driver, Map<String, String> options, String mountpoint) {}
