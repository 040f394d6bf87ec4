package dev.pipglr.setup.runlabel;

import java.util.ArrayList;
import java.util.List;

/**
 * The words of a {@code podman run} command after podman's own flag parser (pflag)
 * has read them: each option given, in order, then the image and its command.
 */
public record RunArgs(List<Given> given, String image, List<String> command) {

    /** One option as given; {@code value} is "true"/"false" for a switch. */
    public record Given(RunFlags.Flag flag, String value) {}

    public RunArgs {
        given = List.copyOf(given);
        command = List.copyOf(command);
    }

    public boolean has(String name) {
        return given.stream().anyMatch(g -> g.flag().name().equals(name));
    }

    /** The last value given (pflag: the last one wins), or null. */
    public String string(String name) {
        String value = null;
        for (Given g : given) {
            if (g.flag().name().equals(name)) {
                value = g.value();
            }
        }
        return value;
    }

    public boolean bool(String name, boolean otherwise) {
        String value = string(name);
        return value == null ? otherwise : Boolean.parseBoolean(value);
    }

    /** Every value given, in order; comma-separated ones (pflag string slices) split. */
    public List<String> list(String name) {
        List<String> values = new ArrayList<>();
        for (Given g : given) {
            if (g.flag().name().equals(name)) {
                if (g.flag().kind() == RunFlags.Kind.SLICE) {
                    values.addAll(splitCsv(g.value()));
                } else {
                    values.add(g.value());
                }
            }
        }
        return values;
    }

    /** pflag reads string slices as one CSV record: commas separate, double quotes group. */
    static List<String> splitCsv(String value) {
        List<String> fields = new ArrayList<>();
        if (value.isEmpty()) {
            return fields;
        }
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' && (quoted || field.length() == 0)) {
                if (quoted && i + 1 < value.length() && value.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == ',' && !quoted) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    /** A copy with one more option at the end (where it wins over earlier ones, as on a command line). */
    public RunArgs with(String name, String value) {
        List<Given> more = new ArrayList<>(given);
        more.add(new Given(RunFlags.byName(name).orElseThrow(), value));
        return new RunArgs(more, image, command);
    }

    /** A copy without the values of the option that {@code drop} matches. */
    public RunArgs withoutValues(String name, java.util.function.Predicate<String> drop) {
        return new RunArgs(
                given.stream()
                        .filter(g -> !(g.flag().name().equals(name) && drop.test(g.value())))
                        .toList(),
                image,
                command);
    }

    /** A copy without any value for the option. */
    public RunArgs without(String name) {
        return new RunArgs(
                given.stream().filter(g -> !g.flag().name().equals(name)).toList(), image, command);
    }
}
