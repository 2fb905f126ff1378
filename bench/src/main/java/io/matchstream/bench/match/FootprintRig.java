package io.matchstream.bench.match;

import io.matchstream.events.CandidateEvent;
import io.matchstream.events.Match;
import io.matchstream.events.VacancyEvent;
import io.matchstream.jobs.match.CandidateRouting;
import io.matchstream.jobs.match.MatchFunction;
import io.matchstream.jobs.match.MatchSettings;
import io.matchstream.jobs.match.RoutedCandidate;
import io.matchstream.jobs.match.RoutedVacancy;
import io.matchstream.jobs.match.VacancyRouting;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;

/** The match job's stateful operators wired as in the job, in keyed test harnesses. */
final class FootprintRig implements AutoCloseable {
  private final KeyedOneInputStreamOperatorTestHarness<String, CandidateEvent, RoutedCandidate> candidateRouter;
  private final KeyedOneInputStreamOperatorTestHarness<String, VacancyEvent, RoutedVacancy> vacancyRouter;
  private final KeyedTwoInputStreamOperatorTestHarness<String, RoutedVacancy, RoutedCandidate, Match> pools;
  private long vacancies;
  private long candidates;
  private long arrivals;

  FootprintRig(String backend) throws Exception {
    MatchSettings settings = MatchSettings.defaults();
    candidateRouter = new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(new CandidateRouting(settings.candidateMaxAgeMillis())),
        CandidateEvent::candidateId, Types.STRING);
    vacancyRouter = new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(new VacancyRouting(settings.vacancyMaxAgeMillis())),
        VacancyEvent::vacancyId, Types.STRING);
    pools = new KeyedTwoInputStreamOperatorTestHarness<>(new KeyedCoProcessOperator<>(new MatchFunction(settings)),
        RoutedVacancy::poolKey, RoutedCandidate::poolKey, Types.STRING);
    if (backend.equals("rocksdb")) {
      candidateRouter.setStateBackend(new EmbeddedRocksDBStateBackend(true));
      vacancyRouter.setStateBackend(new EmbeddedRocksDBStateBackend(true));
      pools.setStateBackend(new EmbeddedRocksDBStateBackend(true));
    }
    candidateRouter.open();
    vacancyRouter.open();
    pools.open();
  }

  void vacancy(VacancyEvent v) throws Exception {
    arrivals++;
    vacancies++;
    vacancyRouter.processElement(new StreamRecord<>(v, v.eventTime()));
    forward();
  }

  void candidate(CandidateEvent c) throws Exception {
    arrivals++;
    candidateRouter.processElement(new StreamRecord<>(c, c.eventTime()));
    forward();
  }

  void watermark(long t) throws Exception {
    candidateRouter.processWatermark(new Watermark(t));
    vacancyRouter.processWatermark(new Watermark(t));
    forward();
    pools.processBothWatermarks(new Watermark(t));
    pools.getOutput().clear();
  }

  /** Applies everything buffered. */
  void flush(long t) throws Exception {
    watermark(t);
  }

  @SuppressWarnings("unchecked")
  private void forward() throws Exception {
    ConcurrentLinkedQueue<Object> vout = vacancyRouter.getOutput();
    for (Object o = vout.poll(); o != null; o = vout.poll()) {
      if (o instanceof StreamRecord<?> r) {
        pools.processElement1((StreamRecord<RoutedVacancy>) r);
      }
    }
    ConcurrentLinkedQueue<Object> out = candidateRouter.getOutput();
    for (Object o = out.poll(); o != null; o = out.poll()) {
      if (o instanceof StreamRecord<?> r) {
        RoutedCandidate rc = (RoutedCandidate) r.getValue();
        if (!rc.event().type().closes()) {
          candidates++;
        }
        pools.processElement2((StreamRecord<RoutedCandidate>) r);
      }
    }
  }

  long poolEntries() {
    return vacancies + candidates;
  }

  long vacancies() {
    return vacancies;
  }

  long candidates() {
    return candidates;
  }

  long arrivals() {
    return arrivals;
  }

  int timers() {
    return candidateRouter.numEventTimeTimers() + vacancyRouter.numEventTimeTimers() + pools.numEventTimeTimers();
  }

  int stateEntries() {
    return candidateRouter.numKeyedStateEntries() + vacancyRouter.numKeyedStateEntries()
        + pools.numKeyedStateEntries();
  }

  long snapshotBytes() throws Exception {
    return candidateRouter.snapshot(1, 1).getStateSize() + vacancyRouter.snapshot(1, 1).getStateSize()
        + pools.snapshot(1, 1).getStateSize();
  }

  @Override
  public void close() throws Exception {
    candidateRouter.close();
    vacancyRouter.close();
    pools.close();
  }
}
