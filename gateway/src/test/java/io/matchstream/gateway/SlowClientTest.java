package io.matchstream.gateway;

import static io.matchstream.testkit.ws.ProtocolClient.type;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.matchstream.events.CityStats;
import io.matchstream.events.Match;
import io.matchstream.events.Topics;
import io.matchstream.testkit.ws.ProtocolClient;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A client that never reads: the socket buffers fill, then its bounded queue; figures conflate,
 * matches close it with 1013. Meanwhile a reading client keeps getting everything promptly.
 */
@ExtendWith(VertxExtension.class)
class SlowClientTest {
  /** Enough records to fill loopback socket buffers (several MB) many times over. */
  private static final int MAX_RECORDS = 60_000;
  private static final int BATCH = 200;
  // Generous for a loaded 2-core machine: a slow reader that held others up would keep them waiting
  // until its queue overflowed, far longer than this.
  private static final long LATENCY_BOUND_MS = 5_000;

  private static final List<String> MANY_SKILLS =
      IntStream.range(0, 150).mapToObj(i -> String.format("sk-%05d", i)).toList();

  private GatewayFixture gw;

  @AfterEach
  void stop() {
    if (gw != null) gw.close();
  }

  @Test
  void aClientThatNeverReadsIsClosedOnMatchOverflowWhileOthersStayPrompt(Vertx vertx) {
    gw = new GatewayFixture(vertx, null);
    try (ProtocolClient fast = gw.connect(gw.city("ningbo")); ProtocolClient slow = gw.connect(gw.city("ningbo"))) {
      fast.keepDeltas(false);
      fast.subscribe("city:ningbo:matches");
      slow.subscribe("city:ningbo:matches");
      fast.await(type("snapshot", null));
      slow.await(type("snapshot", null));
      slow.pauseReading();

      List<Long> batchLatencyMs = new ArrayList<>();
      int sent = 0;
      while (overflowed() == 0 && sent < MAX_RECORDS) {
        long start = System.nanoTime();
        for (int i = 0; i < BATCH; i++) {
          gw.ingest(Topics.MATCHES, bigMatch(++sent));
        }
        awaitDeltas(fast, sent);
        batchLatencyMs.add((System.nanoTime() - start) / 1_000_000);
      }
      assertThat(overflowed()).as("slow client closed on overflow after %d records", sent).isEqualTo(1);
      assertThat(Collections.max(batchLatencyMs)).isLessThan(LATENCY_BOUND_MS);
      assertThat(fast.deltas()).isEqualTo(sent);
      assertThat(fast.closeCode()).isNull();

      slow.resumeReading();
      assertThat(slow.awaitClose()).isEqualTo((short) 1013);
      assertThat(slow.closeReason()).isEqualTo("send queue overflow");
    }
  }

  @Test
  void figuresForAClientThatNeverReadsConflateToTheNewest(Vertx vertx) {
    gw = new GatewayFixture(vertx, null);
    try (ProtocolClient slow = gw.connect(gw.city("ningbo"))) {
      slow.keepDeltas(false);
      slow.subscribe("city:ningbo:stats");
      slow.await(type("snapshot", null));
      slow.pauseReading();
      long revision = 0;
      while (conflated() < 100 && revision < MAX_RECORDS) {
        gw.ingest(Topics.CITY_STATS, bigFigures(++revision));
      }
      assertThat(conflated()).isGreaterThanOrEqualTo(100);
      assertThat(overflowed()).isZero();

      slow.keepDeltas(true);
      slow.resumeReading();
      long last = revision;
      slow.await(f -> "delta".equals(f.getString("type")) && f.getJsonObject("data").getLong("revision") == last);
      assertThat(slow.deltas()).isLessThan(revision);
      assertThat(slow.closeCode()).isNull();
    }
  }

  private double overflowed() {
    return gw.gateway.metrics().registry().get("gateway.connections.overflowed").counter().count();
  }

  private double conflated() {
    return gw.gateway.metrics().registry().get("gateway.messages.conflated").counter().count();
  }

  private static void awaitDeltas(ProtocolClient c, long n) {
    await("the reading client's " + n + " deltas").pollInSameThread().atMost(ProtocolClient.DEADLINE)
        .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1)).until(c::deltas, got -> got >= n);
  }

  private static Match bigMatch(int n) {
    Match m = Fixtures.aMatch("ningbo", n);
    return new Match(m.matchId(), m.eventId(), m.eventTime(), m.schemaVersion(), m.vacancyId(), m.candidateId(),
        m.cityId(), m.occupationCode(), m.employerId(), m.score(), m.skillScore(), m.levelScore(),
        m.salaryScore(), m.employmentScore(), m.locationScore(), MANY_SKILLS, m.essentialSkillsMissing(),
        m.salaryFit(), m.levelFit(), m.vacancyEventTime(), m.candidateEventTime());
  }

  private static CityStats bigFigures(long revision) {
    CityStats s = Fixtures.figures("ningbo", Fixtures.TODAY, revision, revision);
    List<CityStats.OccupationFigure> occupations = IntStream.range(0, 60)
        .mapToObj(i -> new CityStats.OccupationFigure(String.format("6-18-%02d-01", i), i, i + 1, 0.5)).toList();
    return new CityStats(s.cityId(), s.eventId(), s.eventTime(), s.schemaVersion(), s.day(), s.revision(),
        s.isFinal(), s.matchesToday(), s.newVacancies(), s.newCandidates(), s.placements(), s.openVacancies(),
        s.availableCandidates(), s.vacancyToJobseekerRatio(), s.medianDaysToFill(), s.dispatchShare(),
        s.technicalUnfilledPastThreshold(), s.matchesByHour(), s.trend(), occupations);
  }
}
