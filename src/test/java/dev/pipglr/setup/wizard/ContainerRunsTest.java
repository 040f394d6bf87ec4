package dev.pipglr.setup.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pipglr.setup.podman.Podman;
import dev.pipglr.setup.podman.PodmanException;
import dev.pipglr.setup.podman.PodmanException.Kind;
import dev.pipglr.setup.runlabel.ContainerSpec;
import dev.pipglr.setup.runlabel.RunArgs;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Whether podman can see a run's bind-mount sources is told by the kind of its refusal, never by its words. */
@Tag("unit")
class ContainerRunsTest {

    private static final ContainerSpec SPEC =
            new ContainerSpec(new RunArgs(List.of(), "quay.io/x/pipglr:latest", List.of()), Map.of());

    /** A podman that refuses every create with {@code refusal}; the one-shot container is then gone already. */
    private static Podman refusingCreates(PodmanException refusal) {
        return (Podman) java.lang.reflect.Proxy.newProxyInstance(
                Podman.class.getClassLoader(),
                new Class<?>[] {Podman.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "createContainer" -> throw refusal;
                    case "removeContainer", "removeOneOff" -> false;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void aPathPodmanCannotSeeIsTheBindSourceProblemWithPodmansWords() {
        PodmanException unseen = new PodmanException(
                Kind.PATH_UNSEEN, "podman could not create the container: statfs /srv/work: permission denied");

        assertEquals(Optional.of(unseen.getMessage()), ContainerRuns.bindSourceProblem(refusingCreates(unseen), SPEC));
    }

    @Test
    void anyOtherRefusalIsLeftToTheRunItself() {
        for (Kind kind : List.of(Kind.NOT_FOUND, Kind.SERVER_ERROR, Kind.UNREACHABLE, Kind.OTHER)) {
            PodmanException other = new PodmanException(kind, "no such file, says the text, but the kind decides");

            assertEquals(Optional.empty(), ContainerRuns.bindSourceProblem(refusingCreates(other), SPEC), kind.name());
        }
    }
}
