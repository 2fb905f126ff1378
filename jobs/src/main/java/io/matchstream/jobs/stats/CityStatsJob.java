package io.matchstream.jobs.stats;

import io.matchstream.events.Alert;
import io.matchstream.events.CityStats;
import io.matchstream.events.DeadLetter;
import io.matchstream.events.ShortageRanking;
import io.matchstream.jobs.common.DeadLetterRouting;
import io.matchstream.jobs.common.Inbound;
import io.matchstream.jobs.common.InputLimits;
import io.matchstream.jobs.common.JobEnvironment;
import io.matchstream.jobs.common.JobOptions;
import io.matchstream.jobs.common.Sinks;
import io.matchstream.jobs.common.Sources;
import io.matchstream.jobs.common.ValidatingDeserializationSchema;
import io.matchstream.jobs.common.ValidatingDeserializationSchema.Kind;
import io.matchstream.jobs.stats.functions.AlertToDelta;
import io.matchstream.jobs.stats.functions.CandidateLifecycleFunction;
import io.matchstream.jobs.stats.functions.CityStatsFunction;
import io.matchstream.jobs.stats.functions.FunnelFunction;
import io.matchstream.jobs.stats.functions.MatchDedupeFunction;
import io.matchstream.jobs.stats.functions.RouteInputFunction;
import io.matchstream.jobs.stats.functions.ShortageRankingFunction;
import io.matchstream.jobs.stats.functions.UnfilledPostAlertFunction;
import io.matchstream.jobs.stats.functions.VacancyLifecycleFunction;
import io.matchstream.jobs.stats.functions.WithNational;
import io.matchstream.jobs.stats.records.CandidateChange;
import io.matchstream.jobs.stats.records.CityDelta;
import io.matchstream.jobs.stats.records.VacancyChange;
import io.matchstream.jobs.stats.state.Shards;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * City throughput, the conversion funnel and alerts: reads {@code vacancies}, {@code candidates},
 * {@code matches} and {@code match-outcomes};
 * writes {@code city-stats}, {@code shortage-ranking}, {@code alerts}, {@code dead-letters} and the
 * history topics ({@link HistorySinks}). {@link #build} is the whole
 * pipeline, given its input; {@link #wireKafka} adds the real Kafka source and sinks. Tests and the
 * cluster run the same {@link #build}.
 */
public final class CityStatsJob {
  /** The name {@code JobsMain --job} knows this job by. */
  public static final String NAME = "city-stats";

  private CityStatsJob() {}

  /** What the pipeline produces, before sinks. */
  public record Outputs(
      DataStream<CityStats> cityStats, DataStream<Alert> alerts, DataStream<DeadLetter> deadLetters,
      DataStream<ShortageRanking> rankings) {}

  /**
   * The pipeline, from the shared boundary's records ({@link Inbound}, with timestamps and the
   * shared {@link Sources#watermarks}) to its outputs.
   */
  public static Outputs build(DataStream<Inbound> input, StatsSettings settings) {
    // A Kryo fallback or a missing uid fails at submit rather than in production.
    input.getExecutionEnvironment().configure(JobEnvironment.strict(new Configuration()));

    SingleOutputStreamOperator<CityDelta> routed =
        input.process(new RouteInputFunction(settings)).uid("stats-route").name("route and drop late");
    DataStream<VacancyChange> vacancies = routed.getSideOutput(RouteInputFunction.VACANCIES);
    DataStream<CandidateChange> candidates = routed.getSideOutput(RouteInputFunction.CANDIDATES);

    SingleOutputStreamOperator<Alert> unfilled =
        vacancies.keyBy(Shards.VACANCY, Types.INT)
            .process(new UnfilledPostAlertFunction(settings))
            .uid("stats-unfilled-alerts-v2").name("unfilled technical posts");
    DataStream<CityDelta> vacancyDeltas =
        vacancies.keyBy(Shards.VACANCY, Types.INT)
            .process(new VacancyLifecycleFunction(settings))
            .uid("stats-vacancy-lifecycle-v2").name("vacancy lifecycle");
    DataStream<CityDelta> candidateDeltas =
        candidates.keyBy(Shards.CANDIDATE, Types.INT)
            .process(new CandidateLifecycleFunction(settings))
            .uid("stats-candidate-lifecycle-v2").name("candidate lifecycle");
    DataStream<CityDelta> matchDeltas =
        routed.keyBy(Shards.MATCH, Types.INT)
            .process(new MatchDedupeFunction(settings))
            .uid("stats-match-dedupe-v2").name("drop repeated matches");
    // Each match once, and the outcomes of the same shard: the funnel follows each match for a window.
    SingleOutputStreamOperator<CityDelta> funnelDeltas =
        matchDeltas.keyBy(Shards.MATCH, Types.INT)
            .connect(routed.getSideOutput(RouteInputFunction.OUTCOMES).keyBy(Shards.OUTCOME, Types.INT))
            .process(new FunnelFunction(settings))
            .uid("stats-funnel").name("match funnel");
    DataStream<CityDelta> overdueDeltas =
        unfilled.flatMap(new AlertToDelta()).uid("stats-overdue-deltas").name("overdue posts");

    SingleOutputStreamOperator<CityStats> stats =
        matchDeltas.union(vacancyDeltas, candidateDeltas, overdueDeltas, funnelDeltas)
            .flatMap(new WithNational()).uid("stats-with-national").name("city and nation")
            .keyBy(d -> d.cityId)
            .process(new CityStatsFunction(settings))
            .uid("stats-city-figures").name("city figures");

    DataStream<Alert> alerts = unfilled.union(stats.getSideOutput(CityStatsFunction.ALERTS));
    // The ranking is fed by the city figures it ranks; its earlier days live in its own state.
    DataStream<ShortageRanking> rankings =
        stats.keyBy(ShortageRankingFunction.ONE_KEY, Types.STRING)
            .process(new ShortageRankingFunction(settings))
            .uid("stats-shortage-ranking").name("shortage ranking");
    DataStream<DeadLetter> deadLetters = routed.getSideOutput(DeadLetterRouting.DEAD_LETTERS)
        .union(funnelDeltas.getSideOutput(DeadLetterRouting.DEAD_LETTERS));
    return new Outputs(stats, alerts, deadLetters, rankings);
  }

  /** The topics this job reads, from the options, each with the contract type it carries. */
  public static Map<String, Kind> inputTopics(Configuration conf) {
    Map<String, Kind> topics = new LinkedHashMap<>();
    topics.put(conf.get(JobOptions.TOPIC_VACANCIES), Kind.VACANCY);
    topics.put(conf.get(JobOptions.TOPIC_CANDIDATES), Kind.CANDIDATE);
    topics.put(conf.get(JobOptions.TOPIC_MATCHES), Kind.MATCH);
    topics.put(conf.get(StatsOptions.TOPIC_MATCH_OUTCOMES), Kind.OUTCOME);
    return topics;
  }

  /**
   * The shared boundary over {@link #inputTopics}, within the options' {@link InputLimits}. Valid
   * records keep their bytes as far as the late check, which dead-letters a record unchanged.
   */
  public static ValidatingDeserializationSchema boundary(Configuration conf) {
    return new ValidatingDeserializationSchema(inputTopics(conf), NAME, InputLimits.from(conf), true);
  }

  /**
   * The job on real Kafka: source, {@link #build}, sinks. Call {@code env.execute} after. One source
   * of the shared {@link Sources} reads all four topics; sinks are the shared {@link Sinks}.
   */
  public static Outputs wireKafka(StreamExecutionEnvironment env, Configuration conf) {
    StatsSettings settings = StatsSettings.from(conf);
    String vacancies = conf.get(JobOptions.TOPIC_VACANCIES);
    String candidates = conf.get(JobOptions.TOPIC_CANDIDATES);
    String matches = conf.get(JobOptions.TOPIC_MATCHES);
    String outcomes = conf.get(StatsOptions.TOPIC_MATCH_OUTCOMES);
    Map<String, Kind> topics = inputTopics(conf);
    DataStream<Inbound> input = Sources.kafka(env, conf, NAME, "stats-kafka-source", boundary(conf), topics.keySet()
            .toArray(String[]::new))
        .name("kafka: " + String.join(", ", topics.keySet()));
    Outputs out = build(input, settings);
    out.cityStats()
        .sinkTo(Sinks.json(conf, conf.get(StatsOptions.TOPIC_CITY_STATS), CityStats.class, CityStats::cityId,
            NAME + "-city-stats"))
        .uid("stats-sink-city-stats").name("kafka: city-stats");
    out.alerts()
        .sinkTo(Sinks.json(conf, conf.get(StatsOptions.TOPIC_ALERTS), Alert.class, Alert::alertId, NAME + "-alerts"))
        .uid("stats-sink-alerts").name("kafka: alerts");
    out.rankings()
        .sinkTo(Sinks.json(conf, conf.get(StatsOptions.TOPIC_SHORTAGE_RANKING), ShortageRanking.class,
            ShortageRanking::cityId, NAME + "-shortage-ranking"))
        .uid("stats-sink-shortage-ranking").name("kafka: shortage-ranking");
    out.deadLetters()
        .sinkTo(Sinks.json(conf, conf.get(JobOptions.TOPIC_DEAD_LETTERS), DeadLetter.class, d -> null,
            NAME + "-dead-letters"))
        .uid("stats-sink-dead-letters").name("kafka: dead-letters");
    HistorySinks.wire(out, conf);
    return out;
  }
}
