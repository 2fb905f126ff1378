package io.matchstream.local;

import io.matchstream.simulator.SimEvent;
import io.matchstream.simulator.Simulator;
import io.matchstream.simulator.SimulatorConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays the simulator into Kafka on an accelerated clock: an event emitted {@code t} simulated
 * seconds after the start is sent {@code t / clockSpeed} wall seconds after the feed started, so
 * at 144× a simulated day passes in ten minutes. Clock speed 0 sends as fast as the {@linkplain
 * #brake brake} lets it (the soak: as fast as the jobs keep up).
 */
final class SimulatorFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatorFeed.class);
    private static final long MAX_PAUSE_MS = 200;
    private static final long BRAKE_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    /**
     * The jobs reject events more than a day ahead of the wall clock (EventValidator's skew), so
     * the accelerated clock slows to wall speed once it is this far ahead.
     */
    static final Duration MAX_AHEAD_OF_WALL_CLOCK = Duration.ofHours(23);

    private final SimulatorConfig config;
    private final double clockSpeed;
    private final KafkaProducer<String, byte[]> producer;
    private final Thread thread;
    private volatile boolean stopping;
    private volatile long reached;
    private volatile long sent;
    private volatile BooleanSupplier brake = () -> false;

    SimulatorFeed(String bootstrapServers, SimulatorConfig config, double clockSpeed) {
        if (!(clockSpeed >= 0)) {
            throw new IllegalArgumentException("clock speed must be 0 (as fast as possible) or above, not " + clockSpeed);
        }
        this.config = config;
        this.clockSpeed = clockSpeed;
        this.reached = config.start().toEpochMilli();
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "matchstream-local-simulator");
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        this.thread = new Thread(this::run, "matchstream-simulator");
    }

    /** While {@code brake} answers true, nothing is sent (checked every 100 ms of sending). */
    void brake(BooleanSupplier brake) {
        this.brake = brake;
    }

    void start() {
        thread.start();
    }

    /** The simulated instant of the last event sent. */
    Instant reached() {
        return Instant.ofEpochMilli(reached);
    }

    long sent() {
        return sent;
    }

    private void run() {
        long simStart = config.start().toEpochMilli();
        long wallStart = System.nanoTime();
        Iterator<SimEvent> events = Simulator.events(config);
        long brakeCheckedNanos = 0;
        try {
            while (!stopping && events.hasNext()) {
                SimEvent event = events.next();
                long pacedNanos = clockSpeed == 0 ? 0
                        : wallStart + (long) ((event.emitTime() - simStart) / clockSpeed * 1_000_000L);
                long aheadMs = event.emitTime() - MAX_AHEAD_OF_WALL_CLOCK.toMillis() - System.currentTimeMillis();
                long dueNanos = Math.max(pacedNanos, System.nanoTime() + aheadMs * 1_000_000L);
                if (!waitUntil(dueNanos)) {
                    return;
                }
                if (System.nanoTime() - brakeCheckedNanos > BRAKE_CHECK_NANOS) {
                    if (!waitWhileBraked()) {
                        return;
                    }
                    brakeCheckedNanos = System.nanoTime();
                }
                producer.send(new ProducerRecord<>(event.topic(), event.key(), event.value()));
                // The initial stock is emitted before the start (on the previous day): never go back.
                reached = Math.max(reached, event.emitTime());
                sent++;
            }
        } catch (RuntimeException e) {
            LOG.error("simulator stopped after {} events", sent, e);
        } finally {
            producer.flush();
        }
    }

    /** Sleeps until the wall time an event is due; false when stopped meanwhile. */
    private boolean waitUntil(long dueNanos) {
        while (!stopping) {
            long remainingMs = TimeUnit.NANOSECONDS.toMillis(dueNanos - System.nanoTime());
            if (remainingMs <= 0) {
                return true;
            }
            try {
                Thread.sleep(Math.min(remainingMs, MAX_PAUSE_MS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private boolean waitWhileBraked() {
        while (!stopping && brake.getAsBoolean()) {
            try {
                Thread.sleep(MAX_PAUSE_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return !stopping;
    }

    /** Stops sending, flushes what was sent, and closes the producer. */
    @Override
    public void close() {
        stopping = true;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Bounded: a broker that no longer answers must not hold the stop up forever.
        producer.close(Duration.ofSeconds(30));
    }
}
