package dev.pipglr.setup.runlabel;

import java.util.Map;

/** -e and --env-file entries as podman's client reads them (pkg/env): KEY=VALUE, KEY (copied when set), KEY* (a prefix). */
final class EnvFiles {

    private EnvFiles() {
    }

    static Map<String, String> parse(String text, ClientSide client, String labelName) throws RunlabelException {
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
                throw new RunlabelException("an --env-file line of the " + labelName + " label has a variable name with blanks: " + key);
            }
            putEntry(env, entry, client);
        }
        return env;
    }

    static void putEntry(Map<String, String> env, String entry, ClientSide client) throws RunlabelException {
        int eq = entry.indexOf('=');
        if (eq > 0) {
            env.put(entry.substring(0, eq), entry.substring(eq + 1));
        } else if (entry.endsWith("*")) {
            throw new RunlabelException("-e " + entry + " copies every variable of podman's environment that starts with "
                    + entry.substring(0, entry.length() - 1) + "; the wizard does not hand its environment over wholesale: "
                    + "name the variables one by one (-e NAME=VALUE)");
        } else {
            client.env(entry).ifPresent(value -> env.put(entry, value));
        }
    }
}
