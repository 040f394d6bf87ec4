package dev.pipglr.setup.wizard;

/** The fault matrix (see {@link FaultMatrixIT}) of starting the runner. */
class FaultMatrixStartIT extends FaultMatrixIT {

    @Override
    Flow flow() {
        return startRunner();
    }

    @Override
    int row() {
        return 3;
    }
}
