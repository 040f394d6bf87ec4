package dev.pipglr.setup.runlabel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What podman's own client reads from the machine it runs on while it carries a label
 * out: its environment ($HOME, $OPT1..3, -e NAME), the folder it runs in ($PWD,
 * ./relative paths) and files named by options (--env-file, --label-file).
 */
public interface ClientSide {

    Optional<String> env(String name);

    /** The whole environment podman would inherit (for --env-host, the proxy variables and -e PREFIX*). */
    java.util.Map<String, String> environment();

    String readFile(Path path) throws IOException;

    /**
     * The user's numeric uid and primary gid, as rootless podman records them in its own
     * environment (which --env-host copies); 0 and 0 for root.
     */
    long[] ids() throws java.io.IOException;

    /** The folder podman runs in: $PWD, and where ./relative paths resolve. */
    Path workDir();

    /** A client with no environment and no files: for reading a label's shape only. */
    static ClientSide bare(Path workDir) {
        Path folder = workDir.toAbsolutePath().normalize();
        return new ClientSide() {
            @Override
            public Optional<String> env(String name) {
                return Optional.empty();
            }

            @Override
            public java.util.Map<String, String> environment() {
                return java.util.Map.of();
            }

            @Override
            public String readFile(Path path) throws IOException {
                throw new IOException("no files are read here");
            }

            @Override
            public long[] ids() throws IOException {
                throw new IOException("no user is known here");
            }

            @Override
            public Path workDir() {
                return folder;
            }
        };
    }
}
