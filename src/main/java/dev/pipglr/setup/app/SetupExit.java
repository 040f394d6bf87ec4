package dev.pipglr.setup.app;

/** Exit codes of the commands that change the machine (register, start): the same meaning as check's. */
final class SetupExit {

    /** Done. */
    static final int DONE = 0;
    /** Tried and failed; the message says why and what is kept. */
    static final int FAILED = 1;
    /** Bad input or a blocking prerequisite: nothing was changed. */
    static final int BAD_INPUT = 2;

    private SetupExit() {}
}
