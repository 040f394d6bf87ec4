package dev.pipglr.setup.wizard;

/** The fault matrix (see {@link FaultMatrixIT}) of applying a change (re-creating the runner). */
class FaultMatrixApplyIT extends FaultMatrixIT {

    @Override
    Flow flow() {
        return apply();
    }

    @Override
    int row() {
        return 4;
    }
}
