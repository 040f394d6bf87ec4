package dev.pipglr.setup.runlabel;

import java.util.ArrayList;
import java.util.List;

/** An interpreted label: one request the wizard sends to podman instead of running the command. */
public sealed interface Runlabel {

    /** The equivalent podman command line, as shown to the user. */
    String commandLine();

    /** The libpod API calls that carry the label out, in order. */
    List<ApiRequest> requests();

    record RunContainer(ContainerSpec spec) implements Runlabel {
        @Override
        public String commandLine() {
            return spec.commandLine();
        }

        /**
         * Exactly what the wizard sends. In the background (-d): look for a container of the
         * same name (replaced only with --replace, otherwise the page asks), create, read back what
         * podman made of it, start, and follow its state. Otherwise, as a one-off run: remove
         * leftovers of interrupted runs, create under a name of its own, read back, start, wait,
         * read the whole output, and remove it (whether or not the label says --rm).
         */
        @Override
        public List<ApiRequest> requests() {
            String base = ApiRequest.LIBPOD + "/containers/";
            List<ApiRequest> requests = new ArrayList<>();
            if (spec.detach()) {
                String name = spec.name() != null ? spec.name() : "{id}";
                requests.add(new ApiRequest(
                        "GET",
                        ApiRequest.COMPAT + "/containers/" + name + "/json",
                        null,
                        "look for a container named " + name + (spec.replace() ? " (removed first: --replace)" : "")));
                if (spec.replace()) {
                    requests.add(new ApiRequest(
                            "DELETE", base + name + "?force=true", null, "remove it when it exists (--replace)"));
                }
                requests.add(new ApiRequest("POST", base + "create", spec.libpodCreateBody(), "create the container"));
                requests.add(new ApiRequest("GET", base + "{id}/json", null, "read back what podman created"));
                requests.add(new ApiRequest("POST", base + name + "/start", null, "start it in the background"));
                requests.add(new ApiRequest(
                        "GET",
                        ApiRequest.COMPAT + "/containers/" + name + "/json",
                        null,
                        "follow its state for a few seconds (a runner that dies at once shows up here)"));
                return requests;
            }
            String oneShot = ContainerSpec.ONE_SHOT_PREFIX + "{random}";
            requests.add(new ApiRequest(
                    "GET",
                    base + "json?all=true",
                    null,
                    "find stopped " + ContainerSpec.ONE_SHOT_PREFIX
                            + "* containers left by interrupted runs, and remove them"));
            requests.add(new ApiRequest(
                    "POST",
                    base + "create",
                    spec.oneShotBody(oneShot),
                    "create it under a name of its own (so it can be removed even when an answer is lost)"));
            requests.add(new ApiRequest("GET", base + oneShot + "/json", null, "read back what podman created"));
            requests.add(new ApiRequest("POST", base + oneShot + "/start", null, "start it"));
            requests.add(new ApiRequest(
                    "POST",
                    base + oneShot + "/wait?condition=stopped&condition=exited",
                    null,
                    "wait for its exit code"));
            requests.add(new ApiRequest(
                    "GET", base + oneShot + "/logs?stdout=true&stderr=true", null, "read its whole output"));
            requests.add(new ApiRequest("DELETE", base + oneShot + "?force=true", null, "remove it"));
            return requests;
        }
    }

    record CreateVolume(VolumeSpec spec) implements Runlabel {
        @Override
        public String commandLine() {
            return spec.commandLine();
        }

        /** Inspect first: the compat API silently returns an existing volume with its old options. */
        @Override
        public List<ApiRequest> requests() {
            return List.of(
                    new ApiRequest(
                            "GET",
                            ApiRequest.LIBPOD + "/volumes/" + spec.name() + "/exists",
                            null,
                            "check whether it exists already"),
                    new ApiRequest(
                            "POST",
                            ApiRequest.LIBPOD + "/volumes/create",
                            spec.libpodCreateBody(),
                            "create the volume"));
        }
    }
}
