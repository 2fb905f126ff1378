package io.matchstream.local;

import java.nio.file.Path;
import java.util.Map;

/**
 * What {@link LocalSystem} runs with (see {@link LocalMain} for each option's meaning).
 *
 * @param dataDir where Kafka's data, Flink's checkpoints and the simulator's progress persist, or
 *     null for a temporary directory removed on exit
 * @param port the gateway's port on 127.0.0.1 (0: a free one)
 * @param clockSpeed simulated seconds per wall second
 * @param seed the simulator's seed
 * @param simulator whether to run the simulator
 * @param poisonRate share of malformed records the simulator mixes in (0..1)
 * @param parallelism Flink parallelism of every operator
 * @param notifier the notifier's options ({@code receivers}, {@code receiver.<name>.…}; see
 *     notifier/README.md); the notifier runs when receivers are configured here or in the environment
 */
public record LocalConfig(Path dataDir, int port, double clockSpeed, long seed, boolean simulator,
        double poisonRate, int parallelism, Map<String, String> notifier) {

    public LocalConfig(Path dataDir, int port, double clockSpeed, long seed, boolean simulator,
            double poisonRate, int parallelism) {
        this(dataDir, port, clockSpeed, seed, simulator, poisonRate, parallelism, Map.of());
    }

    public LocalConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, not " + port);
        }
        if (!(clockSpeed > 0 && clockSpeed <= 10_000)) {
            throw new IllegalArgumentException("clock speed must be above 0 and at most 10000, not " + clockSpeed);
        }
        if (!(poisonRate >= 0 && poisonRate <= 1)) {
            throw new IllegalArgumentException("poison rate must be from 0 to 1, not " + poisonRate);
        }
        if (parallelism < 1 || parallelism > 16) {
            throw new IllegalArgumentException("parallelism must be 1..16, not " + parallelism);
        }
        notifier = notifier == null ? Map.of() : Map.copyOf(notifier);
    }
}
