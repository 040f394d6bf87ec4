package dev.pipglr.setup.app;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the packaged CLI (target/pipglr-setup.jar) in its own JVM, the way a user does. */
public final class CliRunner {

    public record Run(int exitCode, String stdout, String stderr) {}

    private CliRunner() {}

    public static Run runJar(Map<String, String> env, String... args) throws IOException, InterruptedException {
        String jar = System.getProperty("pipglr.jar", "target/pipglr-setup.jar");
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("CONTAINER_HOST");
        builder.environment().remove("DOCKER_HOST");
        builder.environment().putAll(env);
        File err = File.createTempFile("pipglr-cli", ".err");
        err.deleteOnExit();
        Process process = builder.redirectError(err).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the CLI did not finish within 60 s: " + String.join(" ", args));
        }
        return new Run(process.exitValue(), out, Files.readString(err.toPath()));
    }
}
