package dev.pipglr.setup.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tomlj.Toml;
import org.tomlj.TomlTable;

/**
 * What gitlab-runner's docker executor creates one runner's jobs with, read from its {@code [runners.docker]} table:
 * the socket it asks, the job image, and whether jobs run privileged. Tokens are never read.
 *
 * @param runner     the runner's name, or "(unnamed)"
 * @param host       {@code host}: the podman (or docker) socket the runner sends jobs to
 * @param image      {@code image}: the job image when a job names none
 * @param privileged {@code privileged} (gitlab-runner's default: false)
 */
public record JobSettings(String runner, String host, Optional<String> image, boolean privileged) {

    /** gitlab-runner's own default when {@code host} is not set (and its environment sets no DOCKER_HOST). */
    public static final String DEFAULT_HOST = "unix:///var/run/docker.sock";

    /** The socket's path inside the runner container; empty for a host that is not a Unix socket. */
    public Optional<String> socketPath() {
        return host.startsWith("unix://") ? Optional.of(host.substring("unix://".length())) : Optional.empty();
    }

    /** Each runner's settings in file order. */
    public static List<JobSettings> of(String configToml) {
        List<JobSettings> runners = new ArrayList<>();
        for (TomlTable runner : ConfigRunners.tables(Toml.parse(configToml))) {
            String name = runner.isString("name") ? runner.getString("name") : "(unnamed)";
            TomlTable docker = runner.isTable("docker") ? runner.getTable("docker") : null;
            runners.add(new JobSettings(
                    name,
                    docker != null && docker.isString("host") ? docker.getString("host") : DEFAULT_HOST,
                    docker != null && docker.isString("image")
                            ? Optional.of(docker.getString("image"))
                            : Optional.empty(),
                    docker != null && docker.isBoolean("privileged") && docker.getBoolean("privileged")));
        }
        return runners;
    }
}
