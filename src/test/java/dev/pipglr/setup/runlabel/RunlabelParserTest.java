package dev.pipglr.setup.runlabel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunlabelParserTest {

    private static final String IMAGE = "registry.gitlab.com/qontainers/pipglr:latest";
    private final RunlabelParser parser = new RunlabelParser(IMAGE, "pipglr", Path.of("/home/alice/.local/state/pipglr-setup/work"));

    private ContainerSpec run(String label) throws RunlabelException {
        return assertInstanceOf(Runlabel.RunContainer.class, parser.parse("test", label)).spec();
    }

    @Test
    void theContainerfilesRegisterLabel() throws Exception {
        ContainerSpec spec = run(ContainerfileLabels.read().get("register"));

        assertEquals(IMAGE, spec.image());
        assertTrue(spec.interactive() && spec.tty() && spec.remove());
        assertFalse(spec.detach());
        assertEquals(List.of(new SecretRef("REGISTRATION_TOKEN", true, null, null, null, null)), spec.secrets());
        assertEquals("https://gitlab.com/", spec.env().get("GITLAB_URL"));
        assertEquals(List.of(new VolumeMount(true, "/home/alice/.local/state/pipglr-setup/work/config.toml",
                "/etc/gitlab-runner/config.toml", List.of("Z"))), spec.volumes());
        assertEquals(List.of("/usr/local/bin/pipglr-register"), spec.entrypoint());
        Map<String, Object> body = spec.libpodCreateBody();
        assertEquals(Map.of("REGISTRATION_TOKEN", "REGISTRATION_TOKEN"), body.get("secret_env"));
        assertFalse(body.containsKey("secrets"), "an env secret is not also a file");
    }

    @Test
    void theContainerfilesRunLabel() throws Exception {
        ContainerSpec spec = run(ContainerfileLabels.read().get("run"));

        assertEquals("pipglr", spec.name());
        assertTrue(spec.detach() && spec.tty());
        assertEquals(List.of(new SecretRef("config.toml", false, null, 1001, 1001, 0400)), spec.secrets());
        assertEquals(List.of(new VolumeMount(false, "pipglr-storage", "/home/podman/.local/share/containers", List.of()),
                new VolumeMount(false, "pipglr-cache", "/cache", List.of())), spec.volumes());
        assertEquals("true", spec.systemd());
        assertTrue(spec.privileged());
        assertEquals(List.of("/dev/fuse"), spec.devices());
        Map<String, Object> body = spec.libpodCreateBody();
        assertEquals(List.of(Map.of("source", "config.toml", "target", "config.toml", "uid", 1001, "gid", 1001, "mode", 0400)),
                body.get("secrets"));
        assertEquals(List.of(Map.of("path", "/dev/fuse")), body.get("devices"));
        assertEquals("podman run -td --name pipglr --secret config.toml,uid=1001,gid=1001,mode=0400 "
                        + "-v pipglr-storage:/home/podman/.local/share/containers -v pipglr-cache:/cache --systemd=true "
                        + "--privileged --device /dev/fuse " + IMAGE,
                spec.commandLine());
    }

    @Test
    void theContainerfilesVolumeLabels() throws Exception {
        Map<String, String> labels = ContainerfileLabels.read();
        VolumeSpec storage = assertInstanceOf(Runlabel.CreateVolume.class, parser.parse("setupstorage", labels.get("setupstorage"))).spec();
        VolumeSpec cache = assertInstanceOf(Runlabel.CreateVolume.class, parser.parse("setupcache", labels.get("setupcache"))).spec();

        assertEquals("pipglr-storage", storage.name());
        assertEquals(Map.of("o", "uid=1000,gid=1000"), storage.options());
        assertEquals("pipglr-cache", cache.name());
        assertEquals(Map.of("Name", "pipglr-cache", "Options", Map.of("o", "uid=1001,gid=1001")), cache.libpodCreateBody());
        assertEquals("podman volume create --opt o=uid=1001,gid=1001 pipglr-cache", cache.commandLine());
    }

    @Test
    void theContainerfilesDumpconfigLabel() throws Exception {
        ContainerSpec spec = run(ContainerfileLabels.read().get("dumpconfig"));

        assertEquals(List.of("/bin/cat"), spec.entrypoint());
        assertEquals(List.of("/run/secrets/config.toml"), spec.command());
        assertEquals("config.toml", spec.secrets().get(0).source());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            podman run IMAGE                                         | podman run registry.gitlab.com/qontainers/pipglr:latest
            /usr/bin/podman container run -it --rm $IMAGE            | podman run -it --rm registry.gitlab.com/qontainers/pipglr:latest
            podman run --name NAME -e IMAGE=IMAGE ${IMAGE} echo hi   | podman run --name pipglr -e IMAGE=registry.gitlab.com/qontainers/pipglr:latest registry.gitlab.com/qontainers/pipglr:latest echo hi
            podman run --secret=TOKEN,type=env IMAGE                 | podman run --secret TOKEN,type=env registry.gitlab.com/qontainers/pipglr:latest
            podman run -v ./x:/y:Z IMAGE                             | podman run -v /home/alice/.local/state/pipglr-setup/work/x:/y:Z registry.gitlab.com/qontainers/pipglr:latest
            podman run --entrypoint= IMAGE                           | podman run '--entrypoint=[]' registry.gitlab.com/qontainers/pipglr:latest
            podman run --systemd true IMAGE                          | podman run --systemd=true registry.gitlab.com/qontainers/pipglr:latest
            podman run --device /dev/fuse IMAGE                      | podman run --device /dev/fuse registry.gitlab.com/qontainers/pipglr:latest
            podman run -dt IMAGE                                     | podman run -td registry.gitlab.com/qontainers/pipglr:latest
            podman run --privileged=false IMAGE                      | podman run registry.gitlab.com/qontainers/pipglr:latest
            podman run "--name" 'my runner' IMAGE sh -c 'echo "a b"' | podman run --name 'my runner' registry.gitlab.com/qontainers/pipglr:latest sh -c 'echo "a b"'
            """)
    void variantsMapToTheSameCommandLinePodmanWouldRun(String label, String commandLine) throws Exception {
        assertEquals(commandLine, run(label).commandLine());
    }

    @Test
    void lineContinuationsAndEscapesAreShellWords() throws Exception {
        ContainerSpec spec = run("podman run \\\n  --name \"a \\\"b\\\"\" \\\n  -e X=a\\ b IMAGE");

        assertEquals("a \"b\"", spec.name());
        assertEquals("a b", spec.env().get("X"));
    }

    @Test
    void anEmptyEntrypointResetsTheImagesEntrypoint() throws Exception {
        assertEquals(List.of(), run("podman run --entrypoint= IMAGE").entrypoint());
        assertEquals(List.of("/bin/sh", "-c"), run("podman run --entrypoint '[\"/bin/sh\",\"-c\"]' IMAGE").entrypoint());
        assertNull(run("podman run IMAGE").entrypoint());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            podman run --cap-add=ALL IMAGE                 | unsupported option --cap-add
            podman run -p 8080:80 IMAGE                    | unsupported option -p
            podman run -itp IMAGE                          | unsupported option -p (in -itp)
            podman run --secret x,foo=1 IMAGE              | unsupported --secret setting 'foo'
            podman run --systemd maybe IMAGE               | --systemd in the test label needs true, false or always
            podman run -v ~/x:/y IMAGE                     | uses ~
            podman run --name                              | option --name in the test label has no value
            podman run -d                                  | names no image
            podman pull IMAGE                              | only podman run, podman container run and podman volume create
            docker run IMAGE                               | must start with podman
            podman run IMAGE; rm -rf /                     | shell operator ';'
            podman run $(whoami) IMAGE                     | command substitution
            podman run -e HOME=$HOME IMAGE                 | refers to $HOME
            podman volume create --ignore pipglr-cache     | unsupported option --ignore
            podman volume create                           | names no volume
            """)
    void whatThePodmanCliWouldDoDifferentlyIsRefusedByName(String label, String message) {
        RunlabelException e = assertThrows(RunlabelException.class, () -> parser.parse("test", label));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void aMissingLabelSaysSo() {
        RunlabelException e = assertThrows(RunlabelException.class, () -> parser.parse("register", null));
        assertEquals("the image has no register label", e.getMessage());
    }
}
