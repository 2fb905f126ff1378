package io.matchstream.local;

import java.nio.file.Path;

/** {@link RepoRoot} for tests in other packages. */
public final class RepoRootAccess {
    private RepoRootAccess() {
    }

    public static Path find() {
        return RepoRoot.find();
    }
}
