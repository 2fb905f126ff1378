package io.matchstream.jobs.match;

import io.matchstream.events.CandidateEvent;
import io.matchstream.events.DeadLetter;
import io.matchstream.events.Match;
import io.matchstream.events.VacancyEvent;
import io.matchstream.jobs.common.DeadLetterRouting;
import io.matchstream.jobs.common.Inbound;
import io.matchstream.jobs.common.InputLimits;
import io.matchstream.jobs.common.JobOptions;
import io.matchstream.jobs.common.Sinks;
import io.matchstream.jobs.common.Sources;
import io.matchstream.jobs.common.ValidatingDeserializationSchema;
import io.matchstream.jobs.common.ValidatingDeserializationSchema.Kind;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The smart-match job: vacancies and candidates in, matches and dead letters out.
 *
 * <p>{@link #build} is the whole pipeline given its inputs; {@link #wireKafka} gives it Kafka
 * sources and sinks. Tests call {@code build} with bounded inputs and collect the outputs, the local
 * all-in-one and {@code JobsMain} call {@code wireKafka}: one pipeline everywhere.
 */
public final class MatchJob {
  public static final String NAME = "match";

  private MatchJob() {}

  /** The pipeline's outputs. */
  public record Outputs(DataStream<Match> matches, DataStream<DeadLetter> deadLetters) {}

  /** The pipeline with the options' settings only (version 0): no settings input. */
  public static Outputs build(DataStream<Inbound> vacancyRecords, DataStream<Inbound> candidateRecords,
      MatchSettings settings) {
    // A bounded input of no records: it ends at once, so it never holds the watermark.
    DataStream<Inbound> none = vacancyRecords.getExecutionEnvironment()
        .fromSequence(0, 0).uid("settings-none-" + NAME).name("no settings changes")
        .flatMap((Long n, org.apache.flink.util.Collector<Inbound> out) -> { })
        .returns(TypeInformation.of(Inbound.class))
        .uid("settings-none-empty-" + NAME).name("no settings records");
    return build(vacancyRecords, candidateRecords, none, settings);
  }

  /**
   * Builds the pipeline on inputs that already carry event-time timestamps and watermarks (the
   * Kafka sources do; tests assign them). {@code settingsRecords} are the live settings versions
   * (docs/matching.md, "Live settings"); {@code settings} are the options, version 0.
   */
  public static Outputs build(DataStream<Inbound> vacancyRecords, DataStream<Inbound> candidateRecords,
      DataStream<Inbound> settingsRecords, MatchSettings settings) {
    SingleOutputStreamOperator<VacancyEvent> vacancies =
        DeadLetterRouting.vacancies(vacancyRecords, "split-vacancies-" + NAME);
    SingleOutputStreamOperator<CandidateEvent> candidates =
        DeadLetterRouting.candidates(candidateRecords, "split-candidates-" + NAME);
    DataStream<DeadLetter> deadLetters = vacancies.getSideOutput(DeadLetterRouting.DEAD_LETTERS)
        .union(candidates.getSideOutput(DeadLetterRouting.DEAD_LETTERS));

    // Routing state v3: keyed by a shard of the entity id, memberships in one map per shard, one
    // sweep timer per shard. New uids (v2: keyed by entity id, v1: the first layout), so a savepoint
    // of an older layout is refused at start rather than read wrongly or dropped without a word
    // (jobs/README.md). The pools' layout is unchanged since v2.
    DataStream<RoutedVacancy> routedVacancies = vacancies
        .keyBy(RouterShards.VACANCY, Types.INT)
        .process(new VacancyRouting(settings.vacancyMaxAgeMillis()))
        .returns(TypeInformation.of(RoutedVacancy.class))
        .uid("route-vacancies-" + NAME + "-v3")
        .name("route vacancies to their pool");
    DataStream<RoutedCandidate> routed = candidates
        .keyBy(RouterShards.CANDIDATE, Types.INT)
        .process(new CandidateRouting(settings.candidateMaxAgeMillis()))
        .returns(TypeInformation.of(RoutedCandidate.class))
        .uid("route-candidates-" + NAME + "-v3")
        .name("route candidates to their pools");

    // Both sides share the keyed input; the settings versions are broadcast to every instance. The
    // uid is unchanged: the keyed state (pools, arrivals, timers) keeps its names and serializers,
    // and the broadcast state is new, so a savepoint taken before live settings restores with the
    // options' version 0 until a record arrives.
    DataStream<PoolInput> poolInputs = routedVacancies
        .map(PoolInput::of).returns(TypeInformation.of(PoolInput.class))
        .uid("pool-input-vacancies-" + NAME).name("vacancies to pool input")
        .union(routed.map(PoolInput::of).returns(TypeInformation.of(PoolInput.class))
            .uid("pool-input-candidates-" + NAME).name("candidates to pool input"));
    SingleOutputStreamOperator<Match> matches = poolInputs
        .keyBy(PoolInput::poolKey, Types.STRING)
        .connect(settingsRecords.broadcast(MatchFunction.SETTINGS))
        .process(new MatchFunction(settings))
        .returns(TypeInformation.of(Match.class))
        .uid("match-pools-v2")
        .name("match pools (city x family)");
    deadLetters = deadLetters.union(matches.getSideOutput(MatchFunction.DEAD_LETTERS));
    return new Outputs(matches, deadLetters);
  }

  /**
   * The {@code match-settings} source: one reader (one partition, one key), records validated in
   * the deserializer. Its watermark follows the records' effective-from times like the inputs'
   * (same strategy, idle when nothing is written), so the pools' watermark cannot pass a version's
   * effective-from time before the version has been read: on a replay the same arrivals get the
   * same version.
   */
  /**
   * How soon the settings source counts as idle: an empty or quiet settings topic is its normal
   * state, so it must not hold the pools' watermark for the inputs' {@code source.idle-timeout}
   * (which a deployment may set to an hour). A version written while the source is idle and whose
   * effective-from time the watermark has passed applies from the next arrivals, as documented.
   */
  static final Duration SETTINGS_IDLE_TIMEOUT = Duration.ofSeconds(5);

  public static DataStream<Inbound> settingsSource(StreamExecutionEnvironment env, Configuration conf) {
    String topic = conf.get(MatchOptions.TOPIC_SETTINGS);
    // Valid records keep their provenance: a version refused later (not above the current one) is
    // dead-lettered with it.
    var boundary = new ValidatingDeserializationSchema(Map.of(topic, Kind.SETTINGS), NAME, InputLimits.from(conf), true);
    Duration idle = conf.get(JobOptions.IDLE_TIMEOUT).compareTo(SETTINGS_IDLE_TIMEOUT) < 0
        ? conf.get(JobOptions.IDLE_TIMEOUT) : SETTINGS_IDLE_TIMEOUT;
    return Sources.kafka(env, conf, NAME, "source-" + topic + "-" + NAME, boundary, idle, topic).setParallelism(1);
  }

  /** Whether the broker says the topic does not exist; if it cannot be asked, false (the source then fails as any would). */
  static boolean topicMissing(Configuration conf, String topic) {
    java.util.Map<String, Object> props = java.util.Map.of(
        "bootstrap.servers", conf.get(JobOptions.BOOTSTRAP_SERVERS),
        "request.timeout.ms", 5000,
        "default.api.timeout.ms", 5000);
    try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(props)) {
      boolean missing = !admin.listTopics().names().get(5, java.util.concurrent.TimeUnit.SECONDS).contains(topic);
      if (missing) {
        org.slf4j.LoggerFactory.getLogger(MatchJob.class).warn(
            "topic {} does not exist: the match job scores with its options only (settings version 0)", topic);
      }
      return missing;
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return false;
    }
  }

  /** Adds the Kafka-backed pipeline to {@code env}; the caller executes it. */
  public static void wireKafka(StreamExecutionEnvironment env, Configuration conf) {
    MatchSettings settings = MatchSettings.from(conf);
    DataStream<Inbound> vacancies =
        Sources.kafka(env, conf, conf.get(JobOptions.TOPIC_VACANCIES), Kind.VACANCY, NAME);
    DataStream<Inbound> candidates =
        Sources.kafka(env, conf, conf.get(JobOptions.TOPIC_CANDIDATES), Kind.CANDIDATE, NAME);
    String settingsTopic = conf.get(MatchOptions.TOPIC_SETTINGS);
    // Without the control topic the job runs on its options (version 0): a deployment that never
    // created it, or a test. Created later, it is read after the next restart.
    Outputs out = topicMissing(conf, settingsTopic)
        ? build(vacancies, candidates, settings)
        : build(vacancies, candidates, settingsSource(env, conf), settings);
    out.matches()
        .sinkTo(Sinks.json(conf, conf.get(JobOptions.TOPIC_MATCHES), Match.class, Match::matchId, NAME + "-matches"))
        .uid("sink-matches")
        .name("matches -> Kafka");
    out.deadLetters()
        .sinkTo(Sinks.json(conf, conf.get(JobOptions.TOPIC_DEAD_LETTERS), DeadLetter.class, d -> null, NAME + "-dead-letters"))
        .uid("sink-dead-letters-" + NAME)
        .name("dead letters -> Kafka");
  }
}
