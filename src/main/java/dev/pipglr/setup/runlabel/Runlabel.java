package dev.pipglr.setup.runlabel;

/** An interpreted label: one request the wizard sends to podman instead of running the command. */
public sealed interface Runlabel {

    /** The equivalent podman command line, as shown to the user. */
    String commandLine();

    record RunContainer(ContainerSpec spec) implements Runlabel {
        @Override
        public String commandLine() {
            return spec.commandLine();
        }
    }

    record CreateVolume(VolumeSpec spec) implements Runlabel {
        @Override
        public String commandLine() {
            return spec.commandLine();
        }
    }
}
