package dev.pipglr.setup.host;

import java.util.List;

/** What a finished command printed and returned. */
public record CommandResult(List<String> command, int exitCode, String stdout, String stderr) {

    public boolean succeeded() {
        return exitCode == 0;
    }

    /** The first non-blank line of stderr (or stdout), for short messages. */
    public String firstErrorLine() {
        for (String text : List.of(stderr, stdout)) {
            for (String line : text.split("\\R")) {
                if (!line.isBlank()) {
                    return line.strip();
                }
            }
        }
        return "exit code " + exitCode;
    }
}
