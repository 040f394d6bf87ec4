package dev.pipglr.setup.runlabel;

import java.util.Locale;
import java.util.Map;

/** Signal names and numbers as podman's ParseSignal reads them (Linux numbering). */
final class Signals {

    private static final Map<String, Integer> NUMBERS = Map.ofEntries(
            Map.entry("HUP", 1),
            Map.entry("INT", 2),
            Map.entry("QUIT", 3),
            Map.entry("ILL", 4),
            Map.entry("TRAP", 5),
            Map.entry("ABRT", 6),
            Map.entry("IOT", 6),
            Map.entry("BUS", 7),
            Map.entry("FPE", 8),
            Map.entry("KILL", 9),
            Map.entry("USR1", 10),
            Map.entry("SEGV", 11),
            Map.entry("USR2", 12),
            Map.entry("PIPE", 13),
            Map.entry("ALRM", 14),
            Map.entry("TERM", 15),
            Map.entry("STKFLT", 16),
            Map.entry("CHLD", 17),
            Map.entry("CLD", 17),
            Map.entry("CONT", 18),
            Map.entry("STOP", 19),
            Map.entry("TSTP", 20),
            Map.entry("TTIN", 21),
            Map.entry("TTOU", 22),
            Map.entry("URG", 23),
            Map.entry("XCPU", 24),
            Map.entry("XFSZ", 25),
            Map.entry("VTALRM", 26),
            Map.entry("PROF", 27),
            Map.entry("WINCH", 28),
            Map.entry("IO", 29),
            Map.entry("POLL", 29),
            Map.entry("PWR", 30),
            Map.entry("SYS", 31));
    private static final int RTMIN = 34;
    private static final int RTMAX = 64;

    private Signals() {}

    static int parse(String value, String labelName) throws RunlabelException {
        String name = value.toUpperCase(Locale.ROOT);
        name = name.startsWith("SIG") ? name.substring(3) : name;
        Integer number = null;
        if (name.matches("\\d+")) {
            number = Integer.parseInt(name);
        } else if (NUMBERS.containsKey(name)) {
            number = NUMBERS.get(name);
        } else if (name.equals("RTMIN")) {
            number = RTMIN;
        } else if (name.equals("RTMAX")) {
            number = RTMAX;
        } else if (name.matches("RTMIN\\+\\d+")) {
            number = RTMIN + Integer.parseInt(name.substring(6));
        } else if (name.matches("RTMAX-\\d+")) {
            number = RTMAX - Integer.parseInt(name.substring(6));
        }
        if (number == null || number < 1 || number > RTMAX) {
            throw new RunlabelException(
                    "--stop-signal " + value + " in the " + labelName + " label is not a signal podman knows");
        }
        return number;
    }
}
