package io.matchstream.local;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * What {@link LocalSystem} runs with (see {@link LocalMain} for each option's meaning).
 *
 * @param dataDir where Kafka's data, Flink's checkpoints and the simulator's progress persist, or
 *     null for a temporary directory removed on exit
 * @param port the gateway's port on 127.0.0.1 (0: a free one)
 * @param clockSpeed simulated seconds per wall second; 0: as fast as the jobs keep up (the soak
 *     and the bounded-memory test)
 * @param seed the simulator's seed
 * @param simulator whether to run the simulator
 * @param poisonRate share of malformed records the simulator mixes in (0..1)
 * @param parallelism Flink parallelism of every operator
 * @param volumeScale the simulator's volume (1.0: the pilot's calibrated rates and stock)
 * @param cities the simulated cities, or empty for all 39
 * @param start the simulated start of a fresh run, or null for Shanghai midnight a week ago
 * @param maxLag the simulator pauses while the jobs' consumer lag exceeds this many records; 0:
 *     never (the wall-clock pacing already keeps it low)
 * @param closedLoop whether the simulator reads {@code matches} and plays them, writing outcomes to
 *     {@code match-outcomes} and hiring through matches (the default)
 */
public record LocalConfig(Path dataDir, int port, double clockSpeed, long seed, boolean simulator,
        double poisonRate, int parallelism, double volumeScale, List<String> cities, Instant start,
        long maxLag, boolean closedLoop) {

    public LocalConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, not " + port);
        }
        if (!(clockSpeed >= 0 && clockSpeed <= 10_000)) {
            throw new IllegalArgumentException("clock speed must be from 0 (as fast as possible) to 10000, not "
                    + clockSpeed);
        }
        if (!(poisonRate >= 0 && poisonRate <= 1)) {
            throw new IllegalArgumentException("poison rate must be from 0 to 1, not " + poisonRate);
        }
        if (parallelism < 1 || parallelism > 16) {
            throw new IllegalArgumentException("parallelism must be 1..16, not " + parallelism);
        }
        if (!(volumeScale > 0 && volumeScale <= 10)) {
            throw new IllegalArgumentException("volume must be above 0 and at most 10, not " + volumeScale);
        }
        if (maxLag < 0) {
            throw new IllegalArgumentException("max lag must be 0 (none) or positive, not " + maxLag);
        }
        cities = cities == null ? List.of() : List.copyOf(cities);
    }

    /** With the closed loop on. */
    public LocalConfig(Path dataDir, int port, double clockSpeed, long seed, boolean simulator, double poisonRate,
            int parallelism, double volumeScale, List<String> cities, Instant start, long maxLag) {
        this(dataDir, port, clockSpeed, seed, simulator, poisonRate, parallelism, volumeScale, cities, start, maxLag,
                true);
    }

    /** The all-in-one's usual run: all cities at the calibrated volume, paced by the clock. */
    public LocalConfig(Path dataDir, int port, double clockSpeed, long seed, boolean simulator, double poisonRate,
            int parallelism) {
        this(dataDir, port, clockSpeed, seed, simulator, poisonRate, parallelism, 1.0, List.of(), null, 0, true);
    }
}
