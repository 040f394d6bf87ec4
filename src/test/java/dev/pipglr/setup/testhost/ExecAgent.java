package dev.pipglr.setup.testhost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipglr.setup.host.CommandResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;

/**
 * Commands inside a test host without a {@code podman exec} each: a few long-lived sessions per host run
 * {@code exec-agent.py} there, which runs each command as {@code podman exec --user} would. Measured (process
 * accounting, clean run): a {@code podman exec} costs about 125 ms of CPU on the host (the podman CLI, conmon,
 * runc exec and the cleanup podman conmon starts) and a second of latency under load; the suite made about 2,800.
 * A session serves one command at a time; a busy host gets another session.
 */
final class ExecAgent {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, ExecAgent> BY_CONTAINER = new ConcurrentHashMap<>();
    private static final String SOURCE = agentSource();

    private final String container;
    private final ConcurrentLinkedDeque<Session> idle = new ConcurrentLinkedDeque<>();

    private ExecAgent(String container) {
        this.container = container;
    }

    static ExecAgent in(String container) {
        return BY_CONTAINER.computeIfAbsent(container, ExecAgent::new);
    }

    /**
     * Runs {@code command} as {@code user} with {@code env} on top of the container's environment. A session that
     * died (its host restarted) is replaced once; a command that outlives {@code timeout} is killed with its
     * process group and reported as an IOException, as LocalMachine.run reports it.
     */
    CommandResult run(String user, Map<String, String> env, List<String> command, byte[] stdin, Duration timeout)
            throws IOException {
        List<String> shown = new ArrayList<>(List.of("podman", "exec", "--user", user, container));
        shown.addAll(command);
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("user", user);
        request.put("env", env);
        request.put("argv", command);
        request.put("stdin", Base64.getEncoder().encodeToString(stdin));
        request.put("timeout", timeout.toSeconds());
        byte[] line = (JSON.writeValueAsString(request) + "\n").getBytes(StandardCharsets.UTF_8);
        JsonNode answer;
        while (true) {
            Session session = idle.pollFirst();
            boolean fresh = session == null;
            if (fresh) {
                session = new Session(container);
            }
            try {
                answer = session.ask(line, timeout.plusSeconds(30));
                idle.addFirst(session);
                break;
            } catch (IOException e) {
                session.close();
                if (fresh) {
                    throw e;
                }
                // a session from before its host was restarted: the next one is fresh
            }
        }
        if (answer.path("timedOut").asBoolean()) {
            throw new IOException(String.join(" ", shown) + " did not finish within " + timeout.toSeconds() + " s");
        }
        return new CommandResult(
                List.copyOf(shown),
                answer.path("exit").asInt(),
                decode(answer.path("stdout")),
                decode(answer.path("stderr")));
    }

    private static String agentSource() {
        try (InputStream in = ExecAgent.class.getResourceAsStream("exec-agent.py")) {
            if (in == null) {
                throw new IllegalStateException("exec-agent.py is missing from the test resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String decode(JsonNode base64) {
        return new String(Base64.getDecoder().decode(base64.asText()), StandardCharsets.UTF_8);
    }

    /** One {@code podman exec -i} running the agent; closing its stdin ends it. */
    private static final class Session {
        private final Process process;
        private final OutputStream requests;
        private final BufferedReader answers;

        Session(String container) throws IOException {
            process = new ProcessBuilder(
                            "podman", "exec", "-i", "--user", "root", container, "python3", "-u", "-c", SOURCE)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            requests = process.getOutputStream();
            answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        JsonNode ask(byte[] request, Duration patience) throws IOException {
            requests.write(request);
            requests.flush();
            String[] answer = new String[1];
            IOException[] failure = new IOException[1];
            Thread reader = new Thread(
                    () -> {
                        try {
                            answer[0] = answers.readLine();
                        } catch (IOException e) {
                            failure[0] = e;
                        }
                    },
                    "exec-agent-answer");
            reader.setDaemon(true);
            reader.start();
            try {
                reader.join(patience.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new IOException("interrupted while waiting for the exec agent", e);
            }
            if (reader.isAlive()) {
                close();
                throw new IOException("the exec agent did not answer within " + patience.toSeconds() + " s");
            }
            if (failure[0] != null) {
                throw failure[0];
            }
            if (answer[0] == null) {
                throw new IOException("the exec agent's session ended (its host restarted or stopped?)");
            }
            return JSON.readTree(answer[0]);
        }

        void close() {
            try {
                requests.close();
            } catch (IOException e) {
                // already gone
            }
            process.destroy();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
