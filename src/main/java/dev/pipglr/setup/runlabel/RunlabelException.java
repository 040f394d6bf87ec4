package dev.pipglr.setup.runlabel;

/** A label the wizard cannot carry out as podman would; the message names the offending part. */
public class RunlabelException extends Exception {

    public RunlabelException(String message) {
        super(message);
    }
}
