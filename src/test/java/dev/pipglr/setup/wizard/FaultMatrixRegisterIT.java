package dev.pipglr.setup.wizard;

/** The fault matrix (see {@link FaultMatrixIT}) of registering two runners. */
class FaultMatrixRegisterIT extends FaultMatrixIT {

    @Override
    Flow flow() {
        return register();
    }

    @Override
    int row() {
        return 5;
    }
}
