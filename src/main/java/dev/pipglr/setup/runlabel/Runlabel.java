package dev.pipglr.setup.runlabel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
         * Create, then: detached, just start; otherwise attach before starting (so no
         * output is lost), wait for the exit code, and remove the container when --rm asked for it.
         */
        @Override
        public List<ApiRequest> requests() {
            Map<String, Object> body = new LinkedHashMap<>(spec.libpodCreateBody());
            // --rm is done by the wizard after collecting the output, not by podman at exit
            body.remove("remove");
            String container = spec.name() != null ? spec.name() : "{id}";
            String base = ApiRequest.LIBPOD + "/containers/";
            List<ApiRequest> requests = new ArrayList<>();
            requests.add(new ApiRequest("POST", base + "create", body, "create the container"));
            if (spec.detach()) {
                requests.add(new ApiRequest("POST", base + container + "/start", null, "start it in the background"));
                return requests;
            }
            requests.add(new ApiRequest("POST", base + container + "/attach?stream=true&stdout=true&stderr=true", null,
                    "attach to its output before it starts"));
            requests.add(new ApiRequest("POST", base + container + "/start", null, "start it"));
            requests.add(new ApiRequest("POST", base + container + "/wait", null, "wait for its exit code"));
            if (spec.remove()) {
                requests.add(new ApiRequest("DELETE", base + container + "?force=true", null, "remove it (--rm)"));
            }
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
                    new ApiRequest("GET", ApiRequest.LIBPOD + "/volumes/" + spec.name() + "/exists", null,
                            "check whether it exists already"),
                    new ApiRequest("POST", ApiRequest.LIBPOD + "/volumes/create", spec.libpodCreateBody(), "create the volume"));
        }
    }
}
