package io.matchstream.local;

import io.matchstream.simulator.ClosedLoopEvents;
import io.matchstream.simulator.KafkaEventWriter;
import io.matchstream.simulator.MatchReader;
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
 *
 * <p>With the closed loop (the default), a {@link MatchReader} reads the match job's {@code matches}
 * from the same broker (read_committed, from the end as it stands at start) and each match is
 * offered to the simulator before the next event is sent, so the simulator answers with outcomes
 * on {@code match-outcomes} and hires through matches.
 */
final class SimulatorFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatorFeed.class);

    private final long start;
    private final KafkaEventWriter writer;
    private final Thread thread;
    /** Null without the closed loop. */
    private final MatchReader matches;
    private final Simulator simulator;

    SimulatorFeed(String bootstrapServers, SimulatorConfig config, double clockSpeed) {
        this(bootstrapServers, config, clockSpeed, false);
    }

    /** @param closedLoop whether to read {@code matches} and play them (see the class comment) */
    SimulatorFeed(String bootstrapServers, SimulatorConfig config, double clockSpeed, boolean closedLoop) {
        if (!(clockSpeed >= 0)) {
            throw new IllegalArgumentException("clock speed must be 0 (as fast as possible) or above, not " + clockSpeed);
        }
        this.start = config.start().toEpochMilli();
        this.simulator = Simulator.create(config.toBuilder().closedLoop(closedLoop).build());
        this.matches = closedLoop ? new MatchReader(bootstrapServers) : null;
        this.writer = new KafkaEventWriter(bootstrapServers,
                closedLoop ? new ClosedLoopEvents(simulator, matches) : simulator, clockSpeed, 0, LOG::debug);
        this.thread = new Thread(this::run, "matchstream-simulator");
    }

    /** While {@code brake} answers true, nothing is sent (checked every 100 ms of sending). */
    void brake(BooleanSupplier brake) {
        writer.brake(brake);
    }

    void start() {
        if (matches != null) {
            matches.start();
        }
        thread.start();
    }

    boolean closedLoop() {
        return matches != null;
    }

    /** Matches read from {@code matches} so far (0 without the closed loop). */
    long matchesRead() {
        return matches == null ? 0 : matches.read();
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
        if (matches != null) {
            LOG.info("closed loop: {} matches read, {} offered, {} played, {} in play at the end",
                    matches.read(), simulator.offeredMatches(), simulator.playedMatches(),
                    simulator.pendingMatches());
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
        if (matches != null) {
            matches.close();
        }
    }
}
