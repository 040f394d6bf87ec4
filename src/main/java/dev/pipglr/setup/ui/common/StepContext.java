package dev.pipglr.setup.ui.common;

import dev.pipglr.setup.host.Machine;
import dev.pipglr.setup.podman.Podman;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.beans.property.StringProperty;

/**
 * What every step page's view model works with: the machine, a way to open podman, where work runs and where its
 * results come back, how to ask the wizard to re-read the machine, the image the steps use (shared by all pages), and
 * how to open a web page in the user's browser. Tests build one with a same-thread executor to drive a view model
 * without a window.
 */
public final class StepContext {

    private final Machine machine;
    private final Supplier<Podman> podman;
    private final Executor background;
    private final Executor fxThread;
    private final Runnable recheck;
    private final StringProperty image;
    private final LinkOpener links;

    /**
     * @param background where long work runs (never the FX thread)
     * @param fxThread   where results come back (the FX thread in the app, the caller's thread in tests)
     * @param recheck    re-reads the machine after an action changed it
     */
    public StepContext(
            Machine machine,
            Supplier<Podman> podman,
            Executor background,
            Executor fxThread,
            Runnable recheck,
            StringProperty image) {
        this(machine, podman, background, fxThread, recheck, image, new LinkOpener());
    }

    /** @param links how the pages open web pages */
    public StepContext(
            Machine machine,
            Supplier<Podman> podman,
            Executor background,
            Executor fxThread,
            Runnable recheck,
            StringProperty image,
            LinkOpener links) {
        this.machine = machine;
        this.podman = podman;
        this.background = background;
        this.fxThread = fxThread;
        this.recheck = recheck;
        this.image = image;
        this.links = links;
    }

    public Machine machine() {
        return machine;
    }

    public Supplier<Podman> podman() {
        return podman;
    }

    public Executor background() {
        return background;
    }

    public Executor fxThread() {
        return fxThread;
    }

    public Runnable recheck() {
        return recheck;
    }

    /** The pipglr image the steps use; the page's image field edits it. */
    public StringProperty image() {
        return image;
    }

    /** Shows a web page in the user's browser (the application's HostServices in the window). */
    public LinkOpener links() {
        return links;
    }

    /** A page's own podman action (its busy state and output are the page's). */
    public PodmanAction podmanAction() {
        return new PodmanAction(podman, background, fxThread, recheck);
    }

    /** A page's own background action, for work that is not a podman call. */
    public BackgroundAction backgroundAction() {
        return new BackgroundAction(background, fxThread);
    }
}
