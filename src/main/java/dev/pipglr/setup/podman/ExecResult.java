package dev.pipglr.setup.podman;

/** What a command run inside a container printed (standard output and error, in order) and how it exited. */
public record ExecResult(int exitCode, String output) {

    public boolean succeeded() {
        return exitCode == 0;
    }
}
