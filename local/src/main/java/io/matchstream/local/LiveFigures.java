package io.matchstream.local;

import io.matchstream.events.CityStats;
import io.matchstream.events.Topics;
import io.matchstream.events.codec.EventCodec;
import io.matchstream.events.codec.InvalidEventException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The city-stats job's figures as a dashboard sees them, read from the {@code city-stats} topic
 * from its beginning: the newest figures per city (and {@code national}), and the closing figures
 * of each day (the record with {@code isFinal}, sent when the jobs' event time passes midnight).
 * Holds 40 records and {@link #DAYS_KEPT} days of closing figures.
 */
public final class LiveFigures implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveFigures.class);
    static final int DAYS_KEPT = 400;

    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private final Map<String, CityStats> latest = new ConcurrentHashMap<>();
    /** day → city → the day's closing figures. */
    private final TreeMap<String, Map<String, CityStats>> closed = new TreeMap<>();
    private volatile boolean stopping;

    LiveFigures(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "matchstream-local-figures");
        // The local jobs write without transactions (at-least-once), as the gateway reads them.
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.CITY_STATS, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        this.thread = new Thread(this::run, "matchstream-live-figures");
        thread.setDaemon(true);
        thread.start();
    }

    /** The newest figures of a city, or of {@code national}. */
    public Optional<CityStats> latest(String cityId) {
        return Optional.ofNullable(latest.get(cityId));
    }

    /** The closing figures of a city (or {@code national}) for a day ({@code yyyy-MM-dd}). */
    public synchronized Optional<CityStats> closing(String day, String cityId) {
        return Optional.ofNullable(closed.getOrDefault(day, Map.of()).get(cityId));
    }

    /** The days whose national figures have closed, oldest first. */
    public synchronized List<String> closedDays() {
        return closed.entrySet().stream()
                .filter(e -> e.getValue().containsKey(CityStats.NATIONAL))
                .map(Map.Entry::getKey)
                .toList();
    }

    private void run() {
        try {
            while (!stopping) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    accept(record.value());
                }
            }
        } catch (WakeupException e) {
            // close() stops the loop
        } catch (RuntimeException e) {
            if (!stopping) {
                LOG.error("Reading city figures stopped", e);
            }
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void accept(byte[] value) {
        CityStats stats;
        try {
            stats = EventCodec.decodeCityStats(value);
        } catch (InvalidEventException e) {
            LOG.warn("Unreadable city figures skipped: {}", e.getMessage());
            return;
        }
        latest.merge(stats.cityId(), stats, (old, now) -> now.day().compareTo(old.day()) >= 0 ? now : old);
        if (stats.isFinal()) {
            synchronized (this) {
                closed.computeIfAbsent(stats.day(), d -> new HashMap<>()).put(stats.cityId(), stats);
                while (closed.size() > DAYS_KEPT) {
                    closed.pollFirstEntry();
                }
            }
        }
    }

    @Override
    public void close() {
        stopping = true;
        consumer.wakeup();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
