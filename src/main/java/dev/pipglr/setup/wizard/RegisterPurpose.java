package dev.pipglr.setup.wizard;

import dev.pipglr.setup.config.TokenKind;
import java.util.Optional;

/**
 * What step 3 is for, in the words of the token at hand: GitLab 16's runner authentication tokens and the legacy
 * registration tokens are registered differently, so once a token is typed the page says how that one is.
 */
public final class RegisterPurpose {

    /** Before a token is typed: both kinds, briefly (the step's definition says this). */
    public static final String EITHER_KIND = "Registers runners with GitLab and stores their config.toml as the "
            + "podman secret config.toml; the token waits in the podman secret REGISTRATION_TOKEN meanwhile. A "
            + "runner authentication token (glrt-, GitLab 16 and later: create the runner in GitLab first) is one "
            + "runner, registered once, that takes the parallel jobs itself. A legacy registration token "
            + "(deprecated by GitLab) is registered once per parallel job, each time as a new runner.";

    static final String AUTHENTICATION = "Registers the runner you created in GitLab (GitLab 16 and later) on this "
            + "machine: a runner authentication token (glrt-) is one runner, registered once. The token waits in "
            + "the podman secret REGISTRATION_TOKEN while the image's register label runs once per token, writing "
            + "config.toml; the parallel jobs become the runner's limit, with concurrent raised to match. "
            + "config.toml is then stored as the podman secret config.toml.";

    static final String LEGACY = "Registers new runners with a legacy registration token (deprecated by GitLab: "
            + "disabled by default since GitLab 17.0, removed in 18.0). The token waits in the podman secret "
            + "REGISTRATION_TOKEN while the image's register label runs once per parallel job, each run creating "
            + "one more runner in GitLab and writing it into config.toml; concurrent is the number of runners. "
            + "config.toml is then stored as the podman secret config.toml.";

    private RegisterPurpose() {}

    /** @param kind the kind of the token typed, empty while none is (see {@link TokenKind#soFar}) */
    public static String of(Optional<TokenKind> kind) {
        return kind.map(known -> known == TokenKind.AUTHENTICATION ? AUTHENTICATION : LEGACY)
                .orElse(EITHER_KIND);
    }
}
