package io.matchstream.local;

import io.matchstream.simulator.KafkaEventWriter;
import io.matchstream.simulator.Simulator;
import io.matchstream.simulator.SimulatorConfig;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays the simulator into Kafka on a thread of its own, through the simulator's {@link
 * KafkaEventWriter} and so with its pacing ({@code io.matchstream.simulator.Pacer}): {@code
 * clockSpeed} times faster than the wall clock (0: as fast as the brake lets it, the soak), held
 * within a day of it so the jobs accept every event. Remembers the simulated time reached, so the
 * next start resumes from it.
 */
final class SimulatorFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatorFeed.class);

    private final long start;
    private final KafkaEventWriter writer;
    private final Thread thread;

    SimulatorFeed(String bootstrapServers, SimulatorConfig config, double clockSpeed) {
        if (!(clockSpeed >= 0)) {
            throw new IllegalArgumentException("clock speed must be 0 (as fast as possible) or above, not " + clockSpeed);
        }
        this.start = config.start().toEpochMilli();
        this.writer = new KafkaEventWriter(bootstrapServers, Simulator.events(config), clockSpeed, 0, LOG::debug);
        this.thread = new Thread(this::run, "matchstream-simulator");
    }

    /** While {@code brake} answers true, nothing is sent (checked every 100 ms of sending). */
    void brake(BooleanSupplier brake) {
        writer.brake(brake);
    }

    void start() {
        thread.start();
    }

    /** The simulated instant reached: the latest event sent (the start before the first). */
    Instant reached() {
        return Instant.ofEpochMilli(Math.max(start, writer.simulatedTime()));
    }

    long sent() {
        return writer.sent();
    }

    private void run() {
        try {
            writer.run();
        } catch (RuntimeException e) {
            LOG.error("simulator stopped after {} events", writer.sent(), e);
        }
    }

    /** Stops sending, flushes what was sent, and closes the producer. */
    @Override
    public void close() {
        writer.stop();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
