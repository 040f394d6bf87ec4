package dev.pipglr.setup.runlabel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The runlabels of this repository's Containerfile, with its ARG defaults substituted as a build would. */
public final class ContainerfileLabels {

    private static final Pattern LABEL = Pattern.compile("^LABEL ([a-z]+)=\"(.*)\"$");
    private static final Pattern ARG = Pattern.compile("^ARG ([A-Z_]+)=(.*)$");

    private ContainerfileLabels() {}

    public static Map<String, String> read() throws IOException {
        Path file = Path.of("Containerfile");
        Map<String, String> args = new LinkedHashMap<>();
        Map<String, String> labels = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            Matcher arg = ARG.matcher(line);
            if (arg.matches()) {
                args.put(arg.group(1), arg.group(2));
            }
            Matcher label = LABEL.matcher(line);
            if (label.matches()) {
                String value = label.group(2);
                for (Map.Entry<String, String> entry : args.entrySet()) {
                    value = value.replace("${" + entry.getKey() + "}", entry.getValue());
                }
                labels.put(label.group(1), value);
            }
        }
        return labels;
    }
}
