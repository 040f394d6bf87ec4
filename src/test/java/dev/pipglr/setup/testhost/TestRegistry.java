package dev.pipglr.setup.testhost;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Debian's docker-registry inside the workstation (127.0.0.1:5000, plain HTTP, marked insecure in the workstation's
 * registries.conf.d): builds of the test image pushed there with podman's CLI, as a user publishing a new build would.
 * Each instance uses its own repository, so runs never see each other's tags.
 */
public final class TestRegistry implements AutoCloseable {

    public static final String HOST = "127.0.0.1:5000";

    private final WorkstationMachine workstation;
    private final String user;
    private final String repository =
            HOST + "/pipglr-it-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<String> localImages = new ArrayList<>();

    public TestRegistry(WorkstationMachine workstation, String user) {
        this.workstation = workstation;
        this.user = user;
    }

    /** The image name users would give: this run's repository with the tag latest. */
    public String latest() {
        return repository + ":latest";
    }

    /**
     * Builds another build of {@code base} (its labels and files, plus a label naming the build) as podman build does
     * for a new release; returns its local name.
     */
    public String build(String base, String buildName) throws IOException {
        String name = "localhost/" + repository.substring(HOST.length() + 1) + "-build:" + buildName;
        workstation.execOrFail(
                user,
                "sh",
                "-ec",
                "dir=$(mktemp -d); printf 'FROM %s\\nLABEL pipglr.test.build=%s\\n' \"$1\" \"$2\" > \"$dir/Containerfile\";"
                        + " podman build -q --network=none -t \"$3\" \"$dir\" >/dev/null; rm -rf \"$dir\"",
                "build",
                base,
                buildName,
                name);
        localImages.add(name);
        return name;
    }

    /** podman push of {@code localImage} as {@code latest()}; returns the digest podman pushed (--digestfile). */
    public String push(String localImage) throws IOException {
        String digest = workstation
                .execOrFail(
                        user,
                        "sh",
                        "-ec",
                        "f=$(mktemp); podman push -q --digestfile \"$f\" \"$1\" \"$2\" >/dev/null; cat \"$f\"; rm -f \"$f\"",
                        "push",
                        localImage,
                        latest())
                .stdout()
                .strip();
        if (!digest.startsWith("sha256:")) {
            throw new AssertionError("podman push wrote no digest: " + digest);
        }
        return digest;
    }

    /** podman pull of {@code latest()}, as a user would; returns the image id. */
    public String pull() throws IOException {
        localImages.add(latest());
        return workstation
                .execOrFail(user, "podman", "pull", "-q", latest())
                .stdout()
                .strip();
    }

    /** The id of the image stored under {@code name}. */
    public String imageId(String name) throws IOException {
        return workstation
                .execOrFail(user, "podman", "image", "inspect", "--format", "{{.Id}}", name)
                .stdout()
                .strip();
    }

    /** Every image name in the user's storage, one per line (repository:tag). */
    public String storedNames() throws IOException {
        return workstation
                .execOrFail(user, "podman", "images", "--format", "{{.Repository}}:{{.Tag}} {{.Id}}")
                .stdout();
    }

    /** Removes the builds and pulls made here (untagged: the test image they build on stays). */
    @Override
    public void close() throws IOException {
        for (String image : localImages) {
            workstation.exec(user, List.of("podman", "rmi", "-f", image));
        }
        workstation.exec(user, List.of("podman", "image", "prune", "-f"));
    }
}
