package io.matchstream.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * What the all-in-one keeps between runs, under one directory: Kafka's log, Flink's retained
 * checkpoints and savepoints, and how far the simulator got. A restart resumes from these.
 */
final class DataDir {
    private static final String PROGRESS = "simulator.properties";

    private final Path root;

    DataDir(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    Path kafka() {
        return root.resolve("kafka");
    }

    Path checkpoints() {
        return root.resolve("flink").resolve("checkpoints");
    }

    Path savepoints() {
        return root.resolve("flink").resolve("savepoints");
    }

    /**
     * The newest complete snapshot to resume from: a savepoint written at a clean stop, or the
     * newest retained checkpoint after a crash. Complete means its {@code _metadata} exists.
     */
    Optional<Path> latestSnapshot() {
        return Stream.of(savepoints(), checkpoints())
                .filter(Files::isDirectory)
                .flatMap(DataDir::snapshotsUnder)
                .max(Comparator.comparing(DataDir::modified));
    }

    /** The newest complete checkpoint (not savepoint) of this run or an earlier one. */
    Optional<Path> newestCheckpoint() {
        try {
            return Files.isDirectory(checkpoints())
                    ? snapshotsUnder(checkpoints()).max(Comparator.comparing(DataDir::modified))
                    : Optional.empty();
        } catch (UncheckedIOException e) {
            return Optional.empty(); // a checkpoint was pruned while listed; the caller asks again later
        }
    }

    /** Bytes of the files under a directory; 0 if it went away meanwhile (checkpoints are pruned). */
    static long sizeOf(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    /** How far the previous run's simulator got, so the next one continues instead of repeating. */
    Optional<SimulatorProgress> simulatorProgress() {
        Path file = root.resolve(PROGRESS);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Optional.of(new SimulatorProgress(
                Integer.parseInt(p.getProperty("generation")), Instant.parse(p.getProperty("reached"))));
    }

    void saveSimulatorProgress(SimulatorProgress progress) {
        Properties p = new Properties();
        p.setProperty("generation", Integer.toString(progress.generation()));
        p.setProperty("reached", progress.reached().toString());
        try {
            Files.createDirectories(root);
            Path tmp = root.resolve(PROGRESS + ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                p.store(out, "matchstream local: simulated time reached by the last run");
            }
            Files.move(tmp, root.resolve(PROGRESS), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param generation how many runs came before; each run's simulator gets its own seed from it
     *     so a new run's ids never collide with an earlier run's
     * @param reached the simulated instant the previous run stopped at
     */
    record SimulatorProgress(int generation, Instant reached) {
    }

    private static Stream<Path> snapshotsUnder(Path dir) {
        try (Stream<Path> files = Files.walk(dir, 3)) {
            return files.filter(f -> f.getFileName().toString().equals("_metadata"))
                    .map(Path::getParent)
                    .toList()
                    .stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long modified(Path snapshot) {
        try {
            return Files.getLastModifiedTime(snapshot.resolve("_metadata")).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
