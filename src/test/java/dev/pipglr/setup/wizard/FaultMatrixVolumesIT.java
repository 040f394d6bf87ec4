package dev.pipglr.setup.wizard;

/** The fault matrix (see {@link FaultMatrixIT}) of creating the volumes. */
class FaultMatrixVolumesIT extends FaultMatrixIT {

    @Override
    Flow flow() {
        return volumes();
    }

    @Override
    int row() {
        return 1;
    }
}
