package dev.pipglr.setup.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Cancel stops the work itself: its connection closed, its thread interrupted, the next action not held up. */
@Tag("unit")
class BackgroundActionTest {

    private final ExecutorService workers = Executors.newCachedThreadPool();
    /** Stands in for the FX thread: callbacks are queued and run by the test. */
    private final BlockingQueue<Runnable> fxThread = new LinkedBlockingQueue<>();

    private final BackgroundAction action = new BackgroundAction(workers, fxThread::add);

    @AfterEach
    void stopWorkers() {
        workers.shutdownNow();
    }

    @Test
    void cancelClosesWhatTheWorkWaitsOnAndInterruptsItsThread() throws Exception {
        CountDownLatch waiting = new CountDownLatch(1);
        CountDownLatch ended = new CountDownLatch(1);
        AtomicBoolean closed = new AtomicBoolean();
        AtomicBoolean interrupted = new AtomicBoolean();
        action.run(
                cancellation -> {
                    cancellation.closeOnCancel(() -> closed.set(true));
                    waiting.countDown();
                    try {
                        Thread.sleep(60_000); // a podman call that would take a minute
                    } catch (InterruptedException e) {
                        interrupted.set(true);
                    } finally {
                        ended.countDown();
                    }
                    return "finished";
                },
                result -> {
                    throw new AssertionError("a cancelled action's result must be dropped, got " + result);
                },
                failure -> {
                    throw new AssertionError("a cancelled action's failure must be dropped", failure);
                });
        assertTrue(waiting.await(10, TimeUnit.SECONDS));

        assertTrue(action.cancel());

        assertTrue(closed.get(), "the connection it waited on is closed by Cancel itself");
        assertTrue(ended.await(10, TimeUnit.SECONDS), "the work ended");
        assertTrue(interrupted.get(), "its thread was interrupted");
        assertFalse(action.busyProperty().get());
        // the dropped result's callback arrives and does nothing
        Runnable late = fxThread.poll(10, TimeUnit.SECONDS);
        if (late != null) {
            late.run();
        }
    }

    @Test
    void theNextActionStartsAtOnceWhileTheCancelledOneStillRuns() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        action.run(
                cancellation -> {
                    started.countDown();
                    // ignores interrupts, as a call blocked in native code may
                    while (release.getCount() > 0) {
                        try {
                            release.await(1, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            // goes on waiting
                        }
                    }
                    return "late";
                },
                result -> {
                    throw new AssertionError("dropped");
                },
                failure -> {});
        assertTrue(started.await(10, TimeUnit.SECONDS));
        action.cancel();

        BlockingQueue<String> results = new LinkedBlockingQueue<>();
        assertTrue(action.run(() -> "fresh", results::add, failure -> {}), "not refused as busy");
        fxThread.poll(10, TimeUnit.SECONDS).run();

        assertEquals("fresh", results.poll(), "answered while the cancelled work still runs");
        assertTrue(fxThread.isEmpty(), "the cancelled work has not ended");
        release.countDown();
    }

    @Test
    void whatIsRegisteredAfterCancelIsClosedAtOnce() throws Exception {
        CountDownLatch cancelled = new CountDownLatch(1);
        CountDownLatch checked = new CountDownLatch(1);
        AtomicBoolean closed = new AtomicBoolean();
        action.run(
                cancellation -> {
                    while (cancelled.getCount() > 0) {
                        Thread.onSpinWait(); // not interruptible: the work goes on to open its connection
                    }
                    cancellation.closeOnCancel(() -> closed.set(true)); // the connection opened just after Cancel
                    checked.countDown();
                    return null;
                },
                result -> {},
                failure -> {});
        action.cancel();
        cancelled.countDown();

        assertTrue(checked.await(10, TimeUnit.SECONDS));
        assertTrue(closed.get());
    }
}
