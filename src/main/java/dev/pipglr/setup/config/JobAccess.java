package dev.pipglr.setup.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlTable;

/**
 * What one runner's {@code [runners.docker]} table lets its jobs do, read for the security review: whether job (and
 * service) containers run privileged, and what is mounted into every job. Tokens are never read.
 *
 * @param runner             the runner's name, or "(unnamed)"
 * @param privileged         {@code privileged}; empty when not set (gitlab-runner's default: false)
 * @param privilegedServices {@code services_privileged}; empty when not set (then services follow {@code privileged})
 * @param volumes            {@code volumes}, as written ("source:destination[:options]" or a bare path)
 */
public record JobAccess(
        String runner, Optional<Boolean> privileged, Optional<Boolean> privilegedServices, List<String> volumes) {

    public JobAccess {
        volumes = List.copyOf(volumes);
    }

    /** Job containers run privileged (set and true). */
    public boolean jobsPrivileged() {
        return privileged.orElse(false);
    }

    /** Service containers run privileged: {@code services_privileged} when set, otherwise as jobs do. */
    public boolean servicesPrivileged() {
        return privilegedServices.orElse(jobsPrivileged());
    }

    /** The volumes whose source or destination is a Unix socket by its name (*.sock). */
    public List<String> socketVolumes() {
        return volumes.stream()
                .filter(volume -> List.of(volume.split(":")).stream().anyMatch(part -> part.endsWith(".sock")))
                .toList();
    }

    /** Each runner's settings in file order; a text TOML cannot read gives what it could read. */
    public static List<JobAccess> of(String configToml) {
        List<JobAccess> runners = new ArrayList<>();
        for (TomlTable runner : ConfigRunners.tables(Toml.parse(configToml))) {
            String name = runner.isString("name") ? runner.getString("name") : "(unnamed)";
            TomlTable docker = runner.isTable("docker") ? runner.getTable("docker") : null;
            runners.add(new JobAccess(
                    name, flag(docker, "privileged"), flag(docker, "services_privileged"), strings(docker, "volumes")));
        }
        return runners;
    }

    private static Optional<Boolean> flag(TomlTable docker, String key) {
        return docker != null && docker.isBoolean(key) ? Optional.of(docker.getBoolean(key)) : Optional.empty();
    }

    private static List<String> strings(TomlTable docker, String key) {
        if (docker == null || !docker.isArray(key)) {
            return List.of();
        }
        TomlArray array = docker.getArray(key);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            if (array.get(i) instanceof String value) {
                values.add(value);
            }
        }
        return values;
    }
}
