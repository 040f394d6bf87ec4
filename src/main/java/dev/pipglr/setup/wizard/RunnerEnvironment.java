package dev.pipglr.setup.wizard;

import dev.pipglr.setup.podman.Podman;
import dev.pipglr.setup.runlabel.ContainerSpec;
import dev.pipglr.setup.runlabel.RunlabelException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Environment for the services in the runner container (gitlab-runner's {@code LOG_LEVEL} for debug mode, the
 * manual's advice to give gitlab-runner {@code Environment} options such as a proxy), with any systemd-based image:
 * a systemd manager drop-in ({@code [Manager] DefaultEnvironment=}) kept as the podman secret
 * {@value #SECRET} and mounted at {@value #TARGET} at every create. systemd reads it when it boots the container
 * and hands it to every unit, whatever the image names its units; nothing in the image has to cooperate. Whether it
 * reached gitlab-runner is read afterwards from the process itself ({@link RunnerCommands#runnerEnvironment()}).
 */
public final class RunnerEnvironment {

    public static final String SECRET = "pipglr-runner-environment";
    public static final String TARGET = "/etc/systemd/system.conf.d/pipglr-setup.conf";

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern ASSIGNMENT = Pattern.compile("\"([A-Za-z_][A-Za-z0-9_]*)=([^\"]*)\"");
    private static final String HEADER = "# pipglr Setup: environment for the runner container's services (debug mode,"
            + " Environment); the podman secret " + SECRET + "\n[Manager]\n";

    private RunnerEnvironment() {}

    /** What is wrong with {@code name=value} as a variable systemd can pass on as it is; empty when nothing. */
    public static Optional<String> problem(String name, String value) {
        if (!NAME.matcher(name).matches()) {
            return Optional.of("'" + name + "' is not a variable name: letters, digits and _, not starting with a"
                    + " digit (e.g. HTTP_PROXY).");
        }
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\' || Character.isISOControl(c)) {
                return Optional.of("The value of " + name + " holds a quote, a backslash or a control character,"
                        + " which systemd's DefaultEnvironment cannot carry as it is: leave them out.");
            }
        }
        return Optional.empty();
    }

    /** The drop-in's text for {@code variables} (in their order). */
    static String render(Map<String, String> variables) {
        StringBuilder text = new StringBuilder(HEADER).append("DefaultEnvironment=");
        String separator = "";
        for (Map.Entry<String, String> variable : variables.entrySet()) {
            problem(variable.getKey(), variable.getValue()).ifPresent(problem -> {
                throw new IllegalArgumentException(problem);
            });
            text.append(separator)
                    .append('"')
                    .append(variable.getKey())
                    .append('=')
                    .append(variable.getValue())
                    .append('"');
            separator = " ";
        }
        return text.append('\n').toString();
    }

    /** The variables in a drop-in this class wrote (anything else in it is not read). */
    static Map<String, String> parse(String text) {
        Map<String, String> variables = new LinkedHashMap<>();
        for (String line : text.lines().toList()) {
            if (line.startsWith("DefaultEnvironment=")) {
                Matcher each = ASSIGNMENT.matcher(line.substring("DefaultEnvironment=".length()));
                while (each.find()) {
                    variables.put(each.group(1), each.group(2));
                }
            }
        }
        return variables;
    }

    /**
     * The variables kept; empty when there are none, or when this podman does not hand a secret's value out (it then
     * still mounts what is kept).
     */
    public static Map<String, String> read(Podman podman) {
        return podman.secretValue(SECRET).map(RunnerEnvironment::parse).orElseGet(LinkedHashMap::new);
    }

    /** Keeps {@code variables} for the next create (none: the secret goes); the running container is unchanged. */
    public static void write(Podman podman, Map<String, String> variables) {
        String text = variables.isEmpty() ? null : render(variables); // refuses bad input before anything changes
        podman.removeSecret(SECRET);
        if (text != null) {
            podman.createSecret(SECRET, text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * The run label's container with the kept environment mounted for systemd (root's only: values may hold
     * credentials), and, when gitlab-runner is to log at debug level, this repository's image told too (its nested
     * podman's level follows {@link DebugMode#VARIABLE}). Unchanged when nothing is kept.
     */
    public static ContainerSpec mountedIfKept(Podman podman, ContainerSpec spec) throws RunlabelException {
        if (!podman.secretExists(SECRET)) {
            return spec;
        }
        ContainerSpec mounted = spec.withSecretFile(SECRET + ",type=mount,target=" + TARGET + ",uid=0,gid=0,mode=0400");
        if (DebugMode.LEVEL.equals(read(podman).get(DebugMode.RUNNER_VARIABLE))) {
            mounted = mounted.withEnv(DebugMode.VARIABLE, DebugMode.LEVEL);
        }
        return mounted;
    }
}
