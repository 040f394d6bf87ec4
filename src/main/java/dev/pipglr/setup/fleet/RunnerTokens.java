package dev.pipglr.setup.fleet;

import java.util.ArrayList;
import java.util.List;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

/** The kinds of token config.toml's runners use, by name, never with the token itself. */
public final class RunnerTokens {

    public enum Kind {
        /** A runner authentication token (glrt-): the runner exists in GitLab; each host is one of its managers. */
        AUTHENTICATION,
        /** A runner token from a legacy registration: GitLab knows one runner for every host that uses it. */
        LEGACY
    }

    public record Runner(String name, Kind kind) {}

    private RunnerTokens() {}

    /** The [[runners]] entries with a token, in order; an unreadable config gives none. */
    public static List<Runner> of(String configToml) {
        TomlParseResult toml = Toml.parse(configToml);
        List<Runner> runners = new ArrayList<>();
        TomlArray array = toml.getArray("runners");
        if (toml.hasErrors() || array == null) {
            return runners;
        }
        for (int i = 0; i < array.size(); i++) {
            if (!(array.get(i) instanceof TomlTable table)) {
                continue;
            }
            String token = table.getString("token", () -> "");
            if (token.isEmpty()) {
                continue;
            }
            String name = table.getString("name", () -> "(unnamed)");
            runners.add(new Runner(name, token.startsWith("glrt-") ? Kind.AUTHENTICATION : Kind.LEGACY));
        }
        return runners;
    }
}
