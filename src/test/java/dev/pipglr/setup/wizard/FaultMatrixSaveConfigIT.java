package dev.pipglr.setup.wizard;

/** The fault matrix (see {@link FaultMatrixIT}) of saving config.toml. */
class FaultMatrixSaveConfigIT extends FaultMatrixIT {

    @Override
    Flow flow() {
        return saveConfig();
    }

    @Override
    int row() {
        return 2;
    }
}
