package dev.pipglr.setup.runlabel;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes and durations as podman reads them (docker/go-units, Go's time.ParseDuration). */
final class Units {

    private static final Pattern SIZE = Pattern.compile("^(\\d+(?:\\.\\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$");
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h)");

    private Units() {}

    /** go-units RAMInBytes: k, m, g, ... are powers of 1024. */
    static long ramInBytes(String value, String option, String labelName) throws RunlabelException {
        return size(value, 1024, option, labelName);
    }

    /** go-units FromHumanSize: k, m, g, ... are powers of 1000. */
    static long humanSize(String value, String option, String labelName) throws RunlabelException {
        return size(value, 1000, option, labelName);
    }

    private static long size(String value, long base, String option, String labelName) throws RunlabelException {
        Matcher m = SIZE.matcher(value);
        if (!m.matches()) {
            throw new RunlabelException(
                    "--" + option + " " + value + " in the " + labelName + " label is not a size (e.g. 512m, 2g)");
        }
        double number = Double.parseDouble(m.group(1));
        int power = m.group(2) == null
                ? 0
                : "kmgtp".indexOf(m.group(2).toLowerCase(Locale.ROOT).charAt(0)) + 1;
        return (long) (number * Math.pow(base, power));
    }

    /** Go's time.ParseDuration, in nanoseconds ("30s", "1m30s", "500ms", "0"). */
    static long durationNanos(String value, String option, String labelName) throws RunlabelException {
        String text = value;
        boolean negative = text.startsWith("-");
        if (negative || text.startsWith("+")) {
            text = text.substring(1);
        }
        if (text.equals("0")) {
            return 0;
        }
        Matcher m = DURATION_PART.matcher(text);
        int at = 0;
        double nanos = 0;
        while (at < text.length() && m.find(at) && m.start() == at) {
            double number = Double.parseDouble(m.group(1));
            nanos += number
                    * switch (m.group(2)) {
                        case "ns" -> 1L;
                        case "us", "µs" -> 1_000L;
                        case "ms" -> 1_000_000L;
                        case "s" -> 1_000_000_000L;
                        case "m" -> 60_000_000_000L;
                        default -> 3_600_000_000_000L;
                    };
            at = m.end();
        }
        if (at != text.length() || text.isEmpty()) {
            throw new RunlabelException("--" + option + " " + value + " in the " + labelName
                    + " label is not a duration (e.g. 30s, 1m30s)");
        }
        return (long) (negative ? -nanos : nanos);
    }
}
