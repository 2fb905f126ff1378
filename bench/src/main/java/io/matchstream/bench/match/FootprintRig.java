package io.matchstream.bench.match;

import io.matchstream.events.CandidateEvent;
import io.matchstream.events.Match;
import io.matchstream.events.VacancyEvent;
import io.matchstream.jobs.common.Inbound;
import io.matchstream.jobs.match.CandidateRouting;
import io.matchstream.jobs.match.MatchFunction;
import io.matchstream.jobs.match.MatchSettings;
import io.matchstream.jobs.match.PoolInput;
import io.matchstream.jobs.match.RoutedCandidate;
import io.matchstream.jobs.match.RoutedVacancy;
import io.matchstream.jobs.match.RouterShards;
import io.matchstream.jobs.match.VacancyRouting;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.storage.FileSystemCheckpointStorage;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;

/**
 * The match job's stateful operators wired as in the job, in keyed test harnesses (the routers keyed
 * by {@link RouterShards}, the pools by pool key). With {@code routersOnly} the routers' output is
 * counted and dropped instead of fed to the pools, so the routers' own footprint can be measured.
 */
final class FootprintRig implements AutoCloseable {
  private final boolean routersOnly;
  private final KeyedOneInputStreamOperatorTestHarness<Integer, CandidateEvent, RoutedCandidate> candidateRouter;
  private final KeyedOneInputStreamOperatorTestHarness<Integer, VacancyEvent, RoutedVacancy> vacancyRouter;
  private final KeyedTwoInputStreamOperatorTestHarness<String, PoolInput, Inbound, Match> pools;
  private long vacancies;
  private long candidates;
  private long arrivals;
  private long entities;

  private static final Path CHECKPOINTS = tempDir();

  private static Path tempDir() {
    try {
      Path p = Files.createTempDirectory("match-footprint-");
      p.toFile().deleteOnExit();
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  FootprintRig(String backend, boolean routersOnly) throws Exception {
    this.routersOnly = routersOnly;
    MatchSettings settings = MatchSettings.defaults();
    candidateRouter = new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(new CandidateRouting(settings.candidateMaxAgeMillis())),
        RouterShards.CANDIDATE, Types.INT);
    vacancyRouter = new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(new VacancyRouting(settings.vacancyMaxAgeMillis())),
        RouterShards.VACANCY, Types.INT);
    pools = new KeyedTwoInputStreamOperatorTestHarness<>(new CoBroadcastWithKeyedOperator<>(new MatchFunction(settings), java.util.List.of(MatchFunction.SETTINGS)),
        PoolInput::poolKey, null, Types.STRING);
    // Snapshots of 1M entries exceed the JobManager storage's 5 MB: files, as on a cluster.
    for (var h : List.of(candidateRouter, vacancyRouter, pools)) {
      h.setCheckpointStorage(new FileSystemCheckpointStorage(CHECKPOINTS.toUri()));
    }
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
    entities++;
    vacancies++;
    vacancyRouter.processElement(new StreamRecord<>(v, v.eventTime()));
    forward();
  }

  void candidate(CandidateEvent c) throws Exception {
    arrivals++;
    entities++;
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
      if (o instanceof StreamRecord<?> r && !routersOnly) {
        pools.processElement1(new StreamRecord<>(PoolInput.of(((StreamRecord<RoutedVacancy>) r).getValue()), r.getTimestamp()));
      }
    }
    ConcurrentLinkedQueue<Object> out = candidateRouter.getOutput();
    for (Object o = out.poll(); o != null; o = out.poll()) {
      if (o instanceof StreamRecord<?> r) {
        RoutedCandidate rc = (RoutedCandidate) r.getValue();
        if (!rc.event().type().closes()) {
          candidates++;
        }
        if (!routersOnly) {
          pools.processElement1(new StreamRecord<>(PoolInput.of(((StreamRecord<RoutedCandidate>) r).getValue()), r.getTimestamp()));
        }
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

  /** Posts and candidates routed (each arrival is an OPENED or REGISTERED). */
  long entities() {
    return entities;
  }

  /** -1 where the backend cannot count (RocksDB's harness counts neither). */
  int timers() {
    try {
      return timerCount();
    } catch (UnsupportedOperationException e) {
      return -1;
    }
  }

  int stateEntries() {
    try {
      return stateEntryCount();
    } catch (UnsupportedOperationException e) {
      return -1;
    }
  }

  /** The routers' timers alone; -1 where the backend cannot count. */
  int routerTimers() {
    try {
      return candidateRouter.numEventTimeTimers() + vacancyRouter.numEventTimeTimers();
    } catch (UnsupportedOperationException e) {
      return -1;
    }
  }

  /** The routers' checkpoint bytes alone. */
  long routerSnapshotBytes() throws Exception {
    return candidateRouter.snapshot(2, 2).getStateSize() + vacancyRouter.snapshot(2, 2).getStateSize();
  }

  private int timerCount() {
    return candidateRouter.numEventTimeTimers() + vacancyRouter.numEventTimeTimers() + pools.numEventTimeTimers();
  }

  private int stateEntryCount() {
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
