package io.matchstream.bench.learn;

import io.matchstream.events.CandidateEvent;
import io.matchstream.events.DeadLetter;
import io.matchstream.events.Match;
import io.matchstream.events.ScoreSettings;
import io.matchstream.events.Topics;
import io.matchstream.events.VacancyEvent;
import io.matchstream.events.codec.EventCodec;
import io.matchstream.jobs.common.Inbound;
import io.matchstream.jobs.common.InputLimits;
import io.matchstream.jobs.common.ValidatingDeserializationSchema;
import io.matchstream.jobs.common.ValidatingDeserializationSchema.Kind;
import io.matchstream.jobs.match.CandidateRouting;
import io.matchstream.jobs.match.MatchFunction;
import io.matchstream.jobs.match.MatchSettings;
import io.matchstream.jobs.match.PoolInput;
import io.matchstream.jobs.match.RoutedCandidate;
import io.matchstream.jobs.match.RoutedVacancy;
import io.matchstream.jobs.match.RouterShards;
import io.matchstream.jobs.match.VacancyRouting;
import io.matchstream.simulator.SimEvent;
import io.matchstream.simulator.Simulator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;

/**
 * The match job's own operators, wired as {@code MatchJob.build} wires them, in Flink's keyed test
 * harnesses (one instance each: keyed state makes the result independent of parallelism): the
 * Kafka deserializer's parse and validation, {@link VacancyRouting} and {@link CandidateRouting}
 * (keyed by {@link RouterShards}), and {@link MatchFunction} (keyed by pool, with the live
 * settings on its broadcast input). Watermarks come as the sources make them:
 * {@link Simulator#MAX_DISORDER} behind the newest record, advanced every simulated minute. Only
 * Kafka, the network and checkpoints are left out.
 */
final class JobPools implements AutoCloseable {
  private static final long MINUTE = 60_000L;

  private final ValidatingDeserializationSchema vacancyParser = new ValidatingDeserializationSchema(Kind.VACANCY, "match");
  private final ValidatingDeserializationSchema candidateParser = new ValidatingDeserializationSchema(Kind.CANDIDATE, "match");
  /** As the job's settings source reads them: valid records keep their provenance. */
  private final ValidatingDeserializationSchema settingsParser = new ValidatingDeserializationSchema(
      Map.of(Topics.MATCH_SETTINGS, Kind.SETTINGS), "match", InputLimits.defaults(), true);
  private final KeyedOneInputStreamOperatorTestHarness<Integer, VacancyEvent, RoutedVacancy> vacancyRouter;
  private final KeyedOneInputStreamOperatorTestHarness<Integer, CandidateEvent, RoutedCandidate> candidateRouter;
  private final KeyedTwoInputStreamOperatorTestHarness<String, PoolInput, Inbound, Match> pools;
  private final long disorder = Simulator.MAX_DISORDER.toMillis();
  private long watermark = Long.MIN_VALUE;
  private long offset;
  private long settingsOffset;
  private long deadLetters;

  JobPools(MatchSettings options) throws Exception {
    vacancyRouter = new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(new VacancyRouting(options.vacancyMaxAgeMillis())), RouterShards.VACANCY, Types.INT);
    candidateRouter = new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(new CandidateRouting(options.candidateMaxAgeMillis())), RouterShards.CANDIDATE, Types.INT);
    pools = new KeyedTwoInputStreamOperatorTestHarness<>(
        new CoBroadcastWithKeyedOperator<>(new MatchFunction(options), List.of(MatchFunction.SETTINGS)),
        PoolInput::poolKey, null, Types.STRING);
    vacancyRouter.open();
    candidateRouter.open();
    pools.open();
  }

  /** A record on {@code match-settings}, as the settings source hands it to the pools. */
  void settings(ScoreSettings s) throws Exception {
    Inbound in = settingsParser.parse(EventCodec.encode(s), Topics.MATCH_SETTINGS, 0, settingsOffset++);
    pools.processElement2(new StreamRecord<>(in, in.eventTime() == Long.MIN_VALUE ? 0 : in.eventTime()));
  }

  /**
   * One simulator record: vacancies and candidates go through the job, the rest (outcomes) are
   * not the match job's input. Returns the matches the pools emitted when this record moved the
   * watermark, else an empty list.
   */
  List<Match> accept(SimEvent e) throws Exception {
    boolean vacancy = e.topic().equals(Topics.VACANCIES);
    if (vacancy || e.topic().equals(Topics.CANDIDATES)) {
      Inbound in = (vacancy ? vacancyParser : candidateParser).parse(e.value(), e.topic(), 0, offset++);
      if (in.vacancy() != null) {
        vacancyRouter.processElement(new StreamRecord<>(in.vacancy(), in.eventTime()));
      } else if (in.candidate() != null) {
        candidateRouter.processElement(new StreamRecord<>(in.candidate(), in.eventTime()));
      } else {
        deadLetters++;
      }
      forward();
    }
    long next = e.emitTime() - disorder - 1;
    if (next >= watermark + MINUTE) {
      return advance(next);
    }
    return List.of();
  }

  /** Moves the watermark of every operator to {@code t} and returns what the pools emitted. */
  List<Match> advance(long t) throws Exception {
    watermark = t;
    vacancyRouter.processWatermark(new Watermark(t));
    candidateRouter.processWatermark(new Watermark(t));
    forward();
    pools.processBothWatermarks(new Watermark(t));
    List<Match> out = new ArrayList<>(pools.extractOutputValues());
    pools.getOutput().clear();
    ConcurrentLinkedQueue<StreamRecord<DeadLetter>> refused = pools.getSideOutput(MatchFunction.DEAD_LETTERS);
    if (refused != null && !refused.isEmpty()) {
      throw new IllegalStateException("the pools dead-lettered: " + refused.peek().getValue().reason());
    }
    return out;
  }

  /** Records the parser refused (the bench runs without poison: expected 0). */
  long deadLetters() {
    return deadLetters;
  }

  @SuppressWarnings("unchecked")
  private void forward() throws Exception {
    ConcurrentLinkedQueue<Object> v = vacancyRouter.getOutput();
    for (Object o = v.poll(); o != null; o = v.poll()) {
      if (o instanceof StreamRecord<?> r) {
        pools.processElement1(new StreamRecord<>(PoolInput.of((RoutedVacancy) r.getValue()), r.getTimestamp()));
      }
    }
    ConcurrentLinkedQueue<Object> c = candidateRouter.getOutput();
    for (Object o = c.poll(); o != null; o = c.poll()) {
      if (o instanceof StreamRecord<?> r) {
        pools.processElement1(new StreamRecord<>(PoolInput.of((RoutedCandidate) r.getValue()), r.getTimestamp()));
      }
    }
  }

  @Override
  public void close() throws Exception {
    vacancyRouter.close();
    candidateRouter.close();
    pools.close();
  }
}
