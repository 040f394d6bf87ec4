package dev.pipglr.setup.config;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The config.toml keys gitlab-runner knows, read by {@code bin/gen-runner-keys} from gitlab-runner's own configuration
 * structs (the version is in {@link #version()}), not a hand-picked list.
 */
public final class RunnerKeys {

    /** What a key holds, as gitlab-runner's struct field types say. */
    public enum Kind {
        INTEGER,
        FLOAT,
        STRING,
        BOOLEAN,
        STRING_ARRAY,
        /** A struct: its own keys are listed. */
        TABLE,
        /** A Go map: any keys. */
        MAP,
        /** An array of tables, e.g. [[runners]]: each element's keys are listed under the same path. */
        TABLES,
        /** A Go duration: a string like "1h30m" (or nanoseconds). */
        DURATION,
        /** A date-time. */
        TIME,
        ANY
    }

    private static final String RESOURCE = "gitlab-runner-keys.tsv";
    private static final RunnerKeys KNOWN = load();

    private final String version;
    private final Map<String, Kind> kinds;

    private RunnerKeys(String version, Map<String, Kind> kinds) {
        this.version = version;
        this.kinds = Map.copyOf(kinds);
    }

    public static RunnerKeys known() {
        return KNOWN;
    }

    /** The gitlab-runner version the keys were read from, e.g. v19.3.0. */
    public String version() {
        return version;
    }

    /** @param path dotted, without array indexes: "runners.docker.network_mtu" */
    public Optional<Kind> kind(String path) {
        return Optional.ofNullable(kinds.get(path));
    }

    /**
     * The keys of {@code path}'s own table nearest to its last name, for "did you mean ...?" on a name that is no key:
     * those fewest edits away (a different letter case alone counts none), and only when that is at most a third of the
     * longer name, so a name far from every key gets none. Several when they are equally near.
     *
     * @param path dotted, as for {@link #kind}: "runners.limt" looks among the keys of [[runners]]
     */
    public List<String> nearest(String path) {
        int dot = path.lastIndexOf('.');
        String table = dot < 0 ? "" : path.substring(0, dot + 1);
        String name = path.substring(dot + 1).toLowerCase(Locale.ROOT);
        int fewest = Integer.MAX_VALUE;
        List<String> nearest = new ArrayList<>();
        for (String key : kinds.keySet()) {
            if (!key.startsWith(table) || key.indexOf('.', table.length()) >= 0) {
                continue; // a key of another table, or deeper down
            }
            String candidate = key.substring(table.length());
            String lower = candidate.toLowerCase(Locale.ROOT);
            int edits = EditDistance.damerauLevenshtein(name, lower);
            if (edits > Math.max(name.length(), lower.length()) / 3 || edits > fewest) {
                continue;
            }
            if (edits < fewest) {
                fewest = edits;
                nearest.clear();
            }
            nearest.add(candidate);
        }
        Collections.sort(nearest);
        return nearest;
    }

    private static RunnerKeys load() {
        try (InputStream in = RunnerKeys.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the application");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String version = "unknown";
            Map<String, Kind> kinds = new HashMap<>();
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("#")) {
                    java.util.regex.Matcher named = java.util.regex.Pattern.compile(
                                    "gitlab-runner (v[0-9][0-9A-Za-z.-]*[0-9A-Za-z])")
                            .matcher(line);
                    if (named.find()) {
                        version = named.group(1);
                    }
                    continue;
                }
                String[] fields = line.split("\t");
                if (fields.length == 2) {
                    kinds.put(fields[0], Kind.valueOf(fields[1].toUpperCase(Locale.ROOT)));
                }
            }
            return new RunnerKeys(version, kinds);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
