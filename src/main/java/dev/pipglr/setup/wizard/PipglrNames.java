package dev.pipglr.setup.wizard;

/** The names pipglr's labels give to what they create. */
public final class PipglrNames {

    public static final String CONTAINER = "pipglr";
    public static final String STORAGE_VOLUME = "pipglr-storage";
    public static final String CACHE_VOLUME = "pipglr-cache";
    public static final String CONFIG_SECRET = "config.toml";
    public static final String TOKEN_SECRET = "REGISTRATION_TOKEN";

    private PipglrNames() {}
}
