package dev.pipglr.setup.runlabel;

import dev.pipglr.setup.host.ShellQuoting;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@code podman run} label asks for, option by option, ready to become a
 * libpod container-create request. {@code detach} is the client's business (run
 * in the background or wait and collect the output); everything else goes to podman.
 */
public record ContainerSpec(String image, String name, List<String> entrypoint, List<String> command,
                            Map<String, String> env, List<SecretRef> secrets, List<VolumeMount> volumes,
                            List<String> devices, String systemd, boolean privileged, boolean tty,
                            boolean interactive, boolean remove, boolean detach, String hostname, String network,
                            Map<String, String> labels) {

    public ContainerSpec {
        entrypoint = entrypoint == null ? null : List.copyOf(entrypoint);
        command = List.copyOf(command);
        env = Map.copyOf(env);
        secrets = List.copyOf(secrets);
        volumes = List.copyOf(volumes);
        devices = List.copyOf(devices);
        labels = Map.copyOf(labels);
    }

    /** The body of {@code POST /libpod/containers/create} (podman's SpecGenerator). */
    public Map<String, Object> libpodCreateBody() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("image", image);
        if (name != null) {
            body.put("name", name);
        }
        if (entrypoint != null) {
            body.put("entrypoint", entrypoint);
        }
        if (!command.isEmpty()) {
            body.put("command", command);
        }
        if (!env.isEmpty()) {
            body.put("env", new java.util.TreeMap<>(env));
        }
        Map<String, String> secretEnv = new LinkedHashMap<>();
        List<Map<String, Object>> fileSecrets = new ArrayList<>();
        for (SecretRef secret : secrets) {
            if (secret.asEnv()) {
                secretEnv.put(secret.effectiveTarget(), secret.source());
            } else {
                Map<String, Object> file = new LinkedHashMap<>();
                file.put("source", secret.source());
                file.put("target", secret.target() != null ? secret.target() : secret.source());
                if (secret.uid() != null) {
                    file.put("uid", secret.uid());
                }
                if (secret.gid() != null) {
                    file.put("gid", secret.gid());
                }
                if (secret.mode() != null) {
                    file.put("mode", secret.mode());
                }
                fileSecrets.add(file);
            }
        }
        if (!secretEnv.isEmpty()) {
            body.put("secret_env", secretEnv);
        }
        if (!fileSecrets.isEmpty()) {
            body.put("secrets", fileSecrets);
        }
        List<Map<String, Object>> mounts = new ArrayList<>();
        List<Map<String, Object>> named = new ArrayList<>();
        for (VolumeMount volume : volumes) {
            if (volume.bind()) {
                Map<String, Object> mount = new LinkedHashMap<>();
                mount.put("destination", volume.destination());
                mount.put("type", "bind");
                mount.put("source", volume.source());
                mount.put("options", volume.options());
                mounts.add(mount);
            } else {
                Map<String, Object> mount = new LinkedHashMap<>();
                mount.put("Name", volume.source());
                mount.put("Dest", volume.destination());
                mount.put("Options", volume.options());
                named.add(mount);
            }
        }
        if (!mounts.isEmpty()) {
            body.put("mounts", mounts);
        }
        if (!named.isEmpty()) {
            body.put("volumes", named);
        }
        if (!devices.isEmpty()) {
            body.put("devices", devices.stream().map(device -> Map.of("path", device)).toList());
        }
        if (systemd != null) {
            body.put("systemd", systemd);
        }
        if (privileged) {
            body.put("privileged", true);
        }
        if (tty) {
            body.put("terminal", true);
        }
        if (interactive) {
            body.put("stdin", true);
        }
        if (remove) {
            body.put("remove", true);
        }
        if (hostname != null) {
            body.put("hostname", hostname);
        }
        if (network != null) {
            body.put("netns", Map.of("nsmode", network));
        }
        if (!labels.isEmpty()) {
            body.put("labels", new java.util.TreeMap<>(labels));
        }
        return body;
    }

    /** The same request as a {@code podman run} command line, for the user to read or run by hand. */
    public String commandLine() {
        List<String> words = new ArrayList<>(List.of("podman", "run"));
        StringBuilder flags = new StringBuilder();
        if (interactive) {
            flags.append('i');
        }
        if (tty) {
            flags.append('t');
        }
        if (detach) {
            flags.append('d');
        }
        if (flags.length() > 0) {
            words.add("-" + flags);
        }
        if (remove) {
            words.add("--rm");
        }
        if (name != null) {
            words.addAll(List.of("--name", name));
        }
        if (hostname != null) {
            words.addAll(List.of("--hostname", hostname));
        }
        if (network != null) {
            words.addAll(List.of("--network", network));
        }
        new java.util.TreeMap<>(labels).forEach((key, value) -> words.addAll(List.of("--label", key + "=" + value)));
        secrets.forEach(secret -> words.addAll(List.of("--secret", secret.optionValue())));
        new java.util.TreeMap<>(env).forEach((key, value) -> words.addAll(List.of("-e", key + "=" + value)));
        volumes.forEach(volume -> words.addAll(List.of("-v", volume.optionValue())));
        if (systemd != null) {
            words.add("--systemd=" + systemd);
        }
        if (privileged) {
            words.add("--privileged");
        }
        devices.forEach(device -> words.addAll(List.of("--device", device)));
        if (entrypoint != null) {
            words.add(entrypointOption());
        }
        words.add(image);
        words.addAll(command);
        return ShellQuoting.command(words);
    }

    /** {@code --entrypoint=...} as podman reads it: the word itself, or a JSON array for several. */
    public String entrypointOption() {
        return "--entrypoint=" + (entrypoint.size() == 1 ? entrypoint.get(0) : jsonArray(entrypoint));
    }

    private static String jsonArray(List<String> values) {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            text.append(i == 0 ? "" : ",").append('"').append(values.get(i).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return text.append(']').toString();
    }
}
