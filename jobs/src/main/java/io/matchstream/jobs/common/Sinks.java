package io.matchstream.jobs.common;

import io.matchstream.events.codec.EventCodec;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.util.function.SerializableFunction;

/** Kafka sinks writing contract JSON, keyed by an id, with the configured delivery guarantee. */
public final class Sinks {
  private Sinks() {}

  /**
   * A JSON sink to {@code topic}.
   *
   * @param key the record key of an element (its id), or a function returning null for no key
   * @param name distinguishes this sink's transactional ids from the job's other sinks
   */
  public static <T> KafkaSink<T> json(Configuration conf, String topic, Class<T> type,
      SerializableFunction<T, String> key, String name) {
    TypeInformation<T> info = TypeInformation.of(type);
    DeliveryGuarantee guarantee = JobOptions.deliveryGuarantee(conf);
    var builder = KafkaSink.<T>builder()
        .setBootstrapServers(conf.get(JobOptions.BOOTSTRAP_SERVERS))
        .setDeliveryGuarantee(guarantee)
        .setRecordSerializer(KafkaRecordSerializationSchema.<T>builder()
            .setTopic(topic)
            .setKeySerializationSchema(new KeyBytes<>(key, info))
            .setValueSerializationSchema(new JsonBytes<>(info))
            .build());
    if (guarantee == DeliveryGuarantee.EXACTLY_ONCE) {
      builder
          .setTransactionalIdPrefix(conf.get(JobOptions.TRANSACTIONAL_ID_PREFIX) + "-" + name)
          .setProperty("transaction.timeout.ms",
              String.valueOf(conf.get(JobOptions.TRANSACTION_TIMEOUT).toMillis()));
    }
    return builder.build();
  }

  // The connector's lineage reporting asks each schema for its element type; lambdas cannot say.
  private record KeyBytes<T>(SerializableFunction<T, String> key, TypeInformation<T> type)
      implements SerializationSchema<T>, ResultTypeQueryable<T> {
    @Override
    public byte[] serialize(T element) {
      String k = key.apply(element);
      return k == null ? null : k.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public TypeInformation<T> getProducedType() {
      return type;
    }
  }

  private record JsonBytes<T>(TypeInformation<T> type)
      implements SerializationSchema<T>, ResultTypeQueryable<T> {
    @Override
    public byte[] serialize(T element) {
      return EventCodec.encode(element);
    }

    @Override
    public TypeInformation<T> getProducedType() {
      return type;
    }
  }
}
