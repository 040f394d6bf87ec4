package dev.pipglr.setup.host;

/** Who the runner is set up for. */
public record UserIdentity(String name, long uid) {

    public boolean isRoot() {
        return uid == 0;
    }
}
