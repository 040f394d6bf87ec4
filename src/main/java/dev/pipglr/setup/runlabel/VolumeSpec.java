package dev.pipglr.setup.runlabel;

import dev.pipglr.setup.host.ShellQuoting;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What a {@code podman volume create} label asks for. */
public record VolumeSpec(
        String name, String driver, Map<String, String> options, Map<String, String> labels, boolean ignore) {

    public VolumeSpec(String name, String driver, Map<String, String> options, Map<String, String> labels) {
        this(name, driver, options, labels, false);
    }

    public VolumeSpec {
        options = Map.copyOf(options);
        labels = Map.copyOf(labels);
    }

    /** The body of {@code POST /libpod/volumes/create}. */
    public Map<String, Object> libpodCreateBody() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Name", name);
        if (driver != null) {
            body.put("Driver", driver);
        }
        if (!options.isEmpty()) {
            body.put("Options", new TreeMap<>(options));
        }
        if (!labels.isEmpty()) {
            body.put("Label", new TreeMap<>(labels));
        }
        if (ignore) {
            body.put("IgnoreIfExists", true);
        }
        return body;
    }

    public String commandLine() {
        return ShellQuoting.command(commandWords());
    }

    /** The {@code podman volume create} command as words, options in a stable order. */
    public List<String> commandWords() {
        List<String> words = new ArrayList<>(List.of("podman", "volume", "create"));
        if (driver != null) {
            words.addAll(List.of("--driver", driver));
        }
        new TreeMap<>(options).forEach((key, value) -> words.addAll(List.of("--opt", key + "=" + value)));
        new TreeMap<>(labels).forEach((key, value) -> words.addAll(List.of("--label", key + "=" + value)));
        if (ignore) {
            words.add("--ignore");
        }
        words.add(name);
        return words;
    }
}
