package io.matchstream.jobs.match;

import io.matchstream.events.CandidateEvent;
import io.matchstream.events.DeadLetter;
import io.matchstream.events.Match;
import io.matchstream.events.VacancyEvent;
import io.matchstream.jobs.common.DeadLetterRouting;
import io.matchstream.jobs.common.Inbound;
import io.matchstream.jobs.common.JobOptions;
import io.matchstream.jobs.common.Sinks;
import io.matchstream.jobs.common.Sources;
import io.matchstream.jobs.common.ValidatingDeserializationSchema.Kind;
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

  /**
   * Builds the pipeline on inputs that already carry event-time timestamps and watermarks (the
   * Kafka sources do; tests assign them).
   */
  public static Outputs build(DataStream<Inbound> vacancyRecords, DataStream<Inbound> candidateRecords,
      MatchSettings settings) {
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

    DataStream<Match> matches = routedVacancies
        .keyBy(RoutedVacancy::poolKey)
        .connect(routed.keyBy(RoutedCandidate::poolKey))
        .process(new MatchFunction(settings))
        .returns(TypeInformation.of(Match.class))
        .uid("match-pools-v2")
        .name("match pools (city x family)");
    return new Outputs(matches, deadLetters);
  }

  /** Adds the Kafka-backed pipeline to {@code env}; the caller executes it. */
  public static void wireKafka(StreamExecutionEnvironment env, Configuration conf) {
    MatchSettings settings = MatchSettings.from(conf);
    DataStream<Inbound> vacancies =
        Sources.kafka(env, conf, conf.get(JobOptions.TOPIC_VACANCIES), Kind.VACANCY, NAME);
    DataStream<Inbound> candidates =
        Sources.kafka(env, conf, conf.get(JobOptions.TOPIC_CANDIDATES), Kind.CANDIDATE, NAME);
    Outputs out = build(vacancies, candidates, settings);
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
