package io.matchstream.bench.stats;

import io.matchstream.bench.BenchOptions;
import io.matchstream.events.Alert;
import io.matchstream.events.AlertState;
import io.matchstream.events.CityStats;
import io.matchstream.events.ShanghaiCalendar;
import io.matchstream.events.Topics;
import io.matchstream.events.codec.EventCodec;
import io.matchstream.jobs.common.JobEnvironment;
import io.matchstream.jobs.common.JobOptions;
import io.matchstream.jobs.match.MatchJob;
import io.matchstream.jobs.stats.CityStatsJob;
import io.matchstream.kafka.EmbeddedKafka;
import io.matchstream.kafka.TopicSpec;
import io.matchstream.simulator.KafkaEventWriter;
import io.matchstream.simulator.Simulator;
import io.matchstream.simulator.SimulatorConfig;
import io.matchstream.testkit.kafka.TopicDrain;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.ProducerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The Ningbo week with real matches: the simulator's default stream (all 39 cities, seed 42,
 * volume 1.0) for a simulated week → {@code MatchJob} → {@code matches} → {@code CityStatsJob}, on
 * the real embedded broker and a local mini cluster (parallelism 2), default options of both jobs.
 * Prints Ningbo's final figures per day and the alerts that fired and resolved each day.
 *
 * <p>Args: {@code [days=7] [volume-scale=1.0] [city=ningbo] [all|only]}.
 */
public final class NingboWeek {
  static final String FINALS = "bench-city-finals";

  private NingboWeek() {}

  @Command(name = "ningbo-week", mixinStandardHelpOptions = true)
  static final class Options {
    @Option(names = "--days", defaultValue = "7", description = "Simulated days (default ${DEFAULT-VALUE}).")
    int days;

    @Option(names = {"--simulator.volume-scale", "--volume"}, defaultValue = "1.0",
        description = "Simulator volume scale (default ${DEFAULT-VALUE}).")
    double volume;

    @Option(names = {"--local.city", "--city"}, defaultValue = "ningbo", description = "The city (default ${DEFAULT-VALUE}).")
    String city;

    @Option(names = "--only", description = "Simulate that city alone (its full volume, without other cities' "
        + "cross-city candidates), when the national stream's pools do not fit the heap.")
    boolean only;
  }

  public static void main(String[] args) throws Exception {
    Options o = BenchOptions.parse(new Options(), args);
    int days = o.days;
    double volume = o.volume;
    String city = o.city;
    // "only": simulate that city alone (its full volume, without other cities' cross-city candidates),
    // when the national stream's pools do not fit the machine's heap.
    boolean only = o.only;
    SimulatorConfig sim = SimulatorConfig.builder().duration(Duration.ofDays(days)).volumeScale(volume)
        .cities(only ? List.of(city) : null).build();
    try (EmbeddedKafka kafka = EmbeddedKafka.builder().topics(List.of()).start()) {
      String bootstrap = kafka.bootstrapServers();
      for (String t : List.of(Topics.VACANCIES, Topics.CANDIDATES, Topics.MATCHES, Topics.CITY_STATS, Topics.SHORTAGE_RANKING, Topics.ALERTS,
          Topics.DEAD_LETTERS, Topics.CITY_DAYS, Topics.ALERT_LOG, FINALS)) {
        kafka.createTopic(new TopicSpec(t, t.equals(FINALS) ? 1 : 2, Map.of()));
      }
      long t0 = System.nanoTime();
      KafkaEventWriter writer = new KafkaEventWriter(bootstrap, Simulator.events(sim), 0, 0, null);
      writer.run();
      System.out.printf(Locale.ROOT, "simulator: %,d records (%s, %d days, volume %.2f, seed %d) in %.0f s%n",
          writer.sent(), only ? city + " only" : "all cities", days, volume, sim.seed(), seconds(t0));

      Configuration conf = new Configuration();
      conf.set(JobOptions.BOOTSTRAP_SERVERS, bootstrap);
      conf.set(JobOptions.BOUNDED, true);
      conf.set(JobOptions.DELIVERY_GUARANTEE, DeliveryGuarantee.AT_LEAST_ONCE);
      long t1 = System.nanoTime();
      StreamExecutionEnvironment matchEnv = StreamExecutionEnvironment.createLocalEnvironment(2, JobEnvironment.strict(conf));
      MatchJob.wireKafka(matchEnv, conf);
      matchEnv.execute("match");
      System.out.printf(Locale.ROOT, "match job: %.0f s%n", seconds(t1));

      long t2 = System.nanoTime();
      Configuration statsConf = new Configuration(conf);
      // A backlog written by the match job's two subtasks at their own pace is hours out of order.
      statsConf.set(JobOptions.MAX_OUT_OF_ORDERNESS, Duration.ofDays(1));
      StreamExecutionEnvironment statsEnv = StreamExecutionEnvironment.createLocalEnvironment(2);
      CityStatsJob.Outputs out = CityStatsJob.wireKafka(statsEnv, statsConf);
      keepFinals(out, bootstrap);
      statsEnv.execute("city-stats");
      System.out.printf(Locale.ROOT, "city-stats job: %.0f s%n", seconds(t2));
      print(bootstrap, city, sim.start().toEpochMilli(), days);
    }
  }

  /** city-stats is an upsert; a copy of the daily finals is kept aside to report every day. */
  static void keepFinals(CityStatsJob.Outputs out, String bootstrap) {
    out.cityStats().filter(CityStats::isFinal).uid("bench-finals").name("finals")
        .sinkTo(KafkaSink.<CityStats>builder().setBootstrapServers(bootstrap)
            .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
            .setRecordSerializer((KafkaRecordSerializationSchema<CityStats>) (v, c, t) ->
                new ProducerRecord<>(FINALS, null, EventCodec.encode(v)))
            .build()).uid("bench-finals-sink");
  }

  /** One city's final figures per day of the run, with the alerts that fired and resolved that day. */
  static void print(String bootstrap, String city, long start, int days) throws Exception {
    long end = start + days * ShanghaiCalendar.DAY_MILLIS;
    Map<String, CityStats> finals = new TreeMap<>();
    for (byte[] b : readAll(bootstrap, FINALS)) {
      CityStats s = EventCodec.decodeCityStats(b);
      if (s.cityId().equals(city) && s.eventTime() < end) {
        finals.put(s.day(), s);
      }
    }
    Map<String, long[]> alertsByDay = new TreeMap<>(); // day -> [fired, resolved]
    Map<String, Long> byType = new TreeMap<>();
    for (byte[] b : readAll(bootstrap, Topics.ALERTS)) {
      Alert a = EventCodec.decodeAlert(b);
      if (a.cityId().equals(city) && a.eventTime() < end) {
        String day = LocalDate.ofInstant(Instant.ofEpochMilli(a.eventTime()), ShanghaiCalendar.ZONE).toString();
        alertsByDay.computeIfAbsent(day, d -> new long[2])[a.state() == AlertState.FIRING ? 0 : 1]++;
        byType.merge(a.alertType() + " " + a.state(), 1L, Long::sum);
      }
    }
    System.out.println();
    System.out.println("| " + city + " day | smart matches | new vacancies | new candidates | placements | alerts FIRED | alerts RESOLVED | open vacancies | available candidates | ratio | median days to fill | dispatch share | technical past threshold |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (CityStats s : finals.values()) {
      long[] a = alertsByDay.getOrDefault(s.day(), new long[2]);
      System.out.printf(Locale.ROOT, "| %s | %,d | %,d | %,d | %,d | %,d | %,d | %,d | %,d | %s | %s | %s | %,d |%n",
          s.day(), s.matchesToday(), s.newVacancies(), s.newCandidates(), s.placements(), a[0], a[1],
          s.openVacancies(), s.availableCandidates(), fmt(s.vacancyToJobseekerRatio()), fmt(s.medianDaysToFill()),
          fmt(s.dispatchShare()), s.technicalUnfilledPastThreshold());
    }
    System.out.println();
    System.out.println("alert events within the run by type and state: " + byType);
    Map<String, Integer> reasons = new TreeMap<>();
    for (byte[] b : readAll(bootstrap, Topics.DEAD_LETTERS)) {
      var d = EventCodec.mapper().readValue(b, io.matchstream.events.DeadLetter.class);
      reasons.merge(d.job() + " " + d.sourceTopic() + ": " + d.reason(), 1, Integer::sum);
    }
    System.out.println("dead letters by job, topic and reason: " + reasons);
  }

  private static double seconds(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }

  private static String fmt(Double d) {
    return d == null ? "—" : String.format(Locale.ROOT, "%.2f", d);
  }

  private static List<byte[]> readAll(String bootstrap, String topic) {
    return TopicDrain.of(bootstrap).readUncommitted().within(Duration.ofSeconds(120)).records(topic).stream()
        .map(TopicDrain.Rec::value).toList();
  }
}
