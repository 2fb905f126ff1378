package io.matchstream.local;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How many records each topic holds and how far the jobs' consumer groups are behind, from the
 * broker's offsets. The jobs commit their read positions when a checkpoint completes, so the lag
 * is as of the last checkpoint (seconds old).
 */
final class TopicOffsets implements AutoCloseable {
    private static final long TIMEOUT_SECONDS = 30;

    private final Admin admin;
    private final Map<String, List<TopicPartition>> partitions = new HashMap<>();

    TopicOffsets(String bootstrapServers) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "matchstream-local-offsets");
        this.admin = Admin.create(props);
    }

    /** Records written to these topics so far (the sum of their partitions' end offsets). */
    long written(Collection<String> topics) {
        return endOffsets(topics).values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Records of {@code topics} the group has not yet committed as read; a partition the group has
     * never committed counts whole.
     */
    long lag(String group, Collection<String> topics) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            long lag = 0;
            for (Map.Entry<TopicPartition, Long> end : endOffsets(topics).entrySet()) {
                OffsetAndMetadata at = committed.get(end.getKey());
                lag += Math.max(0, end.getValue() - (at == null ? 0 : at.offset()));
            }
            return lag;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("offsets of group " + group + " unavailable: " + e, e);
        }
    }

    /**
     * Waits until the broker's group coordinator answers (creating its offsets topic on the way), so
     * that the jobs' first offset commits do not fail with "coordinator not available/loading".
     */
    void awaitGroupCoordinator(String group) {
        try {
            admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka's group coordinator did not come up: " + e, e);
        }
    }

    private Map<TopicPartition, Long> endOffsets(Collection<String> topics) {
        try {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (String topic : topics) {
                for (TopicPartition tp : partitionsOf(topic)) {
                    latest.put(tp, OffsetSpec.latest());
                }
            }
            Map<TopicPartition, ListOffsetsResultInfo> ends =
                    admin.listOffsets(latest).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Map<TopicPartition, Long> out = new HashMap<>();
            ends.forEach((tp, info) -> out.put(tp, info.offset()));
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("end offsets of " + topics + " unavailable: " + e, e);
        }
    }

    private synchronized List<TopicPartition> partitionsOf(String topic)
            throws InterruptedException, ExecutionException, TimeoutException {
        List<TopicPartition> known = partitions.get(topic);
        if (known == null) {
            TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(topic);
            known = d.partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            partitions.put(topic, known);
        }
        return known;
    }

    @Override
    public void close() {
        admin.close();
    }
}
