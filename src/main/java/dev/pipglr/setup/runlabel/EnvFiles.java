package dev.pipglr.setup.runlabel;

import java.util.Map;

/** -e and --env-file entries as podman's client reads them (pkg/env): KEY=VALUE, KEY (copied when set), KEY* (a prefix). */
final class EnvFiles {

    private EnvFiles() {}

    static Map<String, String> parse(String text, Map<String, String> podmanEnv, String labelName)
            throws RunlabelException {
        Map<String, String> env = new java.util.TreeMap<>();
        for (String line : text.split("\n", -1)) {
            String entry = line.stripLeading();
            if (entry.endsWith("\r")) {
                entry = entry.substring(0, entry.length() - 1);
            }
            if (entry.isEmpty() || entry.startsWith("#")) {
                continue;
            }
            String key = entry.contains("=") ? entry.substring(0, entry.indexOf('=')) : entry;
            if (key.isEmpty() || key.chars().anyMatch(Character::isWhitespace)) {
                throw new RunlabelException(
                        "an --env-file line of the " + labelName + " label has a variable name with blanks: " + key);
            }
            putEntry(env, entry, podmanEnv);
        }
        return env;
    }

    /** One entry; KEY and KEY* read podman's environment (podman leaves an unset KEY out). */
    static void putEntry(Map<String, String> env, String entry, Map<String, String> podmanEnv) {
        int eq = entry.indexOf('=');
        if (eq > 0) {
            env.put(entry.substring(0, eq), entry.substring(eq + 1));
        } else if (entry.endsWith("*")) {
            String prefix = entry.substring(0, entry.length() - 1);
            podmanEnv.forEach((name, value) -> {
                if (name.startsWith(prefix)) {
                    env.put(name, value);
                }
            });
        } else if (podmanEnv.containsKey(entry)) {
            env.put(entry, podmanEnv.get(entry));
        }
    }
}
