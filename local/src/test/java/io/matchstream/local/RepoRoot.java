package io.matchstream.local;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository root, found from the module directory Maven runs tests in. */
final class RepoRoot {
    private RepoRoot() {
    }

    static Path find() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isRegularFile(dir.resolve("docker-compose.yml")) && Files.isRegularFile(dir.resolve("mvnw"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("repository root not found above " + Path.of("").toAbsolutePath());
    }
}
