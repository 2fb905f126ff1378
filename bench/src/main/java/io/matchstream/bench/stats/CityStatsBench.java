package io.matchstream.bench.stats;

import io.matchstream.bench.BenchOptions;
import io.matchstream.bench.common.BenchFlink;
import io.matchstream.events.Topics;
import io.matchstream.events.codec.EventCodec;
import io.matchstream.jobs.common.Inbound;
import io.matchstream.jobs.common.JobOptions;
import io.matchstream.jobs.stats.CityStatsJob;
import io.matchstream.jobs.stats.StatsOptions;
import io.matchstream.kafka.EmbeddedKafka;
import io.matchstream.kafka.TopicSpec;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Events per second through the city-stats job beside a pass-through job (Kafka, parse, serialise,
 * Kafka) over the same records in the same run; the ratio is the figure. Parallelism 2, all 39
 * cities, the real embedded broker, a local mini cluster.
 */
public final class CityStatsBench {
  private CityStatsBench() {}

  @Command(name = "city-stats-bench", mixinStandardHelpOptions = true)
  static final class Options {
    @Option(names = "--records", defaultValue = "400000", description = "Records through each job (default ${DEFAULT-VALUE}).")
    int records;
  }

  public static void main(String[] args) throws Exception {
    int target = BenchOptions.parse(new Options(), args).records;
    try (EmbeddedKafka kafka = EmbeddedKafka.builder().start()) {
      kafka.createTopic(new TopicSpec("bench-pass-through", 4, Map.of()));
      // city-stats is compacted (newest per city); the week's daily finals are copied here to report them.
      kafka.createTopic(new TopicSpec(NingboWeek.FINALS, 1, Map.of()));
      long n = BenchData.write(kafka.bootstrapServers(), target, 7);
      System.out.printf(Locale.ROOT, "records written: %,d (39 cities, one simulated week)%n", n);
      double[] pass = new double[2];
      double[] stats = new double[2];
      for (int round = 0; round < 2; round++) { // round 0 warms the JVM up; round 1 is reported
        pass[round] = n / passThrough(kafka.bootstrapServers(), "bench-pt-" + round);
        stats[round] = n / cityStats(kafka.bootstrapServers(), "bench-cs-" + round, round == 1);
      }
      System.out.println();
      System.out.println("| job (parallelism 2) | records/s | ratio to pass-through |");
      System.out.println("|---|---:|---:|");
      System.out.printf(Locale.ROOT, "| pass-through: Kafka → parse → serialise → Kafka | %,.0f | 1.00 |%n", pass[1]);
      System.out.printf(Locale.ROOT, "| city-stats job (figures, alerts, dead letters) | %,.0f | %.2f |%n",
          stats[1], stats[1] / pass[1]);
      NingboWeek.print(kafka.bootstrapServers(), "ningbo", BenchData.START, 7);
    }
  }

  private static double passThrough(String bootstrap, String group) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
    KafkaSource<Inbound> source = KafkaSource.<Inbound>builder()
        .setBootstrapServers(bootstrap).setGroupId(group)
        .setTopics(List.of(Topics.VACANCIES, Topics.CANDIDATES, Topics.MATCHES))
        .setStartingOffsets(OffsetsInitializer.earliest()).setBounded(OffsetsInitializer.latest())
        .setDeserializer(CityStatsJob.boundary(new Configuration())).build();
    env.fromSource(source, WatermarkStrategy.noWatermarks(), "source").uid("pt-source")
        .map(in -> EventCodec.encode(in.vacancy() != null ? in.vacancy() : in.candidate() != null ? in.candidate()
            : in.isRejected() ? in.deadLetter() : in.match().matchId()))
        .returns(PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO).uid("pt-encode")
        .sinkTo(BenchFlink.bytesSink(bootstrap, "bench-pass-through")).uid("pt-sink");
    return BenchFlink.timed(env, "pass-through");
  }

  private static double cityStats(String bootstrap, String group, boolean keepFinals) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
    Configuration conf = new Configuration();
    conf.set(StatsOptions.BOOTSTRAP_SERVERS, bootstrap);
    conf.set(JobOptions.GROUP_ID_PREFIX, group);
    conf.set(StatsOptions.BOUNDED, true);
    conf.set(StatsOptions.DELIVERY_GUARANTEE, DeliveryGuarantee.AT_LEAST_ONCE); // as the pass-through
    CityStatsJob.Outputs out = CityStatsJob.wireKafka(env, conf);
    if (keepFinals) {
      NingboWeek.keepFinals(out, bootstrap);
    }
    return BenchFlink.timed(env, "city-stats");
  }
}
