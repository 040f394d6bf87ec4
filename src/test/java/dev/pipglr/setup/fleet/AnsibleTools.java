package dev.pipglr.setup.fleet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs Debian's real Ansible (bin/install-deps --test installs it): the oracle for what the export writes. */
final class AnsibleTools {

    /** Ansible's own interpreter: its library is installed for the system's python3, not a user's pyenv. */
    static final String PYTHON = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";

    record Result(int exit, String output) {}

    private AnsibleTools() {}

    static Result run(Path directory, String stdin, List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        builder.environment().put("ANSIBLE_NOCOLOR", "1");
        builder.environment().put("ANSIBLE_LOCALHOST_WARNING", "False");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IOException(
                    command.get(0) + " is missing: the fleet tests need Debian's ansible "
                            + "(bin/install-deps --test installs it)",
                    e);
        }
        if (stdin != null) {
            process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IOException(command + " did not finish");
        }
        return new Result(process.exitValue(), output);
    }
}
