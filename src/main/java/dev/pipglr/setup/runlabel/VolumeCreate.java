package dev.pipglr.setup.runlabel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code podman volume create}'s options as podman 5 reads them: -d/--driver, -l/--label, -o/--opt, --ignore, one name. */
final class VolumeCreate {

    private VolumeCreate() {}

    static VolumeSpec parse(String labelName, List<String> args) throws RunlabelException {
        String driver = null;
        Map<String, String> options = new LinkedHashMap<>();
        Map<String, String> labels = new LinkedHashMap<>();
        boolean ignore = false;
        String volumeName = null;
        int i = 0;
        while (i < args.size()) {
            String word = args.get(i++);
            if (word.equals("--")) {
                if (i < args.size()) {
                    volumeName = name(labelName, volumeName, args.get(i++));
                }
                continue;
            }
            if (!word.startsWith("-") || word.equals("-")) {
                volumeName = name(labelName, volumeName, word);
                continue;
            }
            String option;
            String value;
            if (word.startsWith("--")) {
                int eq = word.indexOf('=');
                option = eq < 0 ? word.substring(2) : word.substring(2, eq);
                value = eq < 0 ? null : word.substring(eq + 1);
            } else {
                option = switch (word.charAt(1)) {
                    case 'd' -> "driver";
                    case 'l' -> "label";
                    case 'o' -> "opt";
                    default ->
                        throw new RunlabelException("the " + labelName + " label gives " + word
                                + ", which is not an option of podman volume create");
                };
                value = word.length() > 2 ? (word.charAt(2) == '=' ? word.substring(3) : word.substring(2)) : null;
            }
            if (option.equals("ignore")) {
                ignore = value == null
                        || List.of("1", "t", "T", "true", "TRUE", "True").contains(value);
                continue;
            }
            if (!List.of("driver", "label", "opt").contains(option)) {
                throw new RunlabelException("the " + labelName + " label gives --" + option
                        + ", which is not an option of podman volume create");
            }
            if (value == null) {
                if (i >= args.size()) {
                    throw new RunlabelException("--" + option + " in the " + labelName + " label has no value");
                }
                value = args.get(i++);
            }
            switch (option) {
                case "driver" -> driver = value;
                case "label" -> putPair(labels, value);
                default -> putPair(options, value);
            }
        }
        if (volumeName == null) {
            throw new RunlabelException(
                    "the " + labelName + " label names no volume; the wizard needs the name to find it again");
        }
        return new VolumeSpec(volumeName, driver, options, labels, ignore);
    }

    private static String name(String labelName, String existing, String word) throws RunlabelException {
        if (existing != null) {
            throw new RunlabelException(
                    "the " + labelName + " label creates more than one volume (" + existing + ", " + word + ")");
        }
        return word;
    }

    private static void putPair(Map<String, String> map, String value) {
        int eq = value.indexOf('=');
        map.put(eq > 0 ? value.substring(0, eq) : value, eq > 0 ? value.substring(eq + 1) : "");
    }
}
