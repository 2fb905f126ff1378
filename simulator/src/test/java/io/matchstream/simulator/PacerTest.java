package io.matchstream.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.matchstream.events.codec.EventValidator;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The pacing every Kafka writer of the simulator uses, on a fake wall clock that moves only when
 * the pacer waits: days of wall time run in milliseconds.
 */
class PacerTest {
  private static final long MINUTE = Duration.ofMinutes(1).toMillis();
  private static final long HOUR = Duration.ofHours(1).toMillis();
  private static final long DAY = Duration.ofDays(1).toMillis();
  /** The compose demo: the simulator's default start, played from a wall clock nine months on. */
  private static final long DEMO_START = Instant.parse("2026-03-01T16:00:00Z").toEpochMilli();
  private static final long DEMO_WALL = Instant.parse("2026-12-01T00:00:00Z").toEpochMilli();

  /** Wall time that advances only by parking. */
  static final class FakeClock implements Pacer.WallClock {
    long nanos;
    final long epochMillisAtZero;

    FakeClock(long epochMillis) {
      this.epochMillisAtZero = epochMillis;
    }

    @Override
    public long nanoTime() {
      return nanos;
    }

    @Override
    public long millis() {
      return epochMillisAtZero + nanos / 1_000_000L;
    }

    @Override
    public void park(long n) {
      nanos += n;
    }
  }

  @Test
  void theComposeDemoNeverSendsAnEventTheJobsWouldRejectAsTooFarInTheFuture() {
    FakeClock wall = new FakeClock(DEMO_WALL);
    // What the compose simulator runs: the command line's writer at 144× from the fixed date.
    Pacer pacer = KafkaEventWriter.defaultPacer(144, 0, wall);
    long limit = EventValidator.DEFAULT_MAX_FUTURE_SKEW.toMillis();
    long worstAhead = Long.MIN_VALUE;
    long caughtUpAt = -1;
    // An event a simulated minute for a week of wall time: ~273 days at 144× to catch up, then wall speed.
    for (long sim = DEMO_START; wall.millis() < DEMO_WALL + 7 * DAY; sim += MINUTE) {
      assertThat(pacer.await(sim, () -> false)).isTrue();
      long ahead = sim - wall.millis();
      worstAhead = Math.max(worstAhead, ahead);
      assertThat(ahead).as("simulated %s sent at wall %s", Instant.ofEpochMilli(sim), Instant.ofEpochMilli(wall.millis()))
          .isLessThanOrEqualTo(limit);
      if (caughtUpAt < 0 && ahead >= 0) {
        caughtUpAt = wall.millis();
      }
    }
    // 144× until it catches up (about two days of wall time), then held an hour inside the limit.
    assertThat((caughtUpAt - DEMO_WALL) / (double) DAY).isBetween(1.8, 2.0);
    assertThat(worstAhead).isBetween(limit - HOUR - MINUTE, limit - HOUR);
  }

  @Test
  void beforeCatchingUpTheSimulationRunsAtTheClockSpeed() {
    FakeClock wall = new FakeClock(DEMO_WALL);
    Pacer pacer = new Pacer(144, 0, Pacer.DEFAULT_MAX_AHEAD, wall);
    pacer.await(DEMO_START, () -> false);
    pacer.await(DEMO_START + DAY, () -> false);
    assertThat(wall.nanoTime()).isEqualTo(Duration.ofMinutes(10).toNanos());
  }

  @Test
  void theRateCapsRecordsPerSecond() {
    FakeClock wall = new FakeClock(DEMO_WALL);
    Pacer pacer = new Pacer(0, 200, Pacer.DEFAULT_MAX_AHEAD, wall);
    for (int i = 0; i < 1_001; i++) {
      pacer.await(DEMO_START, () -> false);
    }
    assertThat(wall.nanoTime()).isEqualTo(Duration.ofSeconds(5).toNanos());
  }

  @Test
  void asFastAsPossibleIsStillHeldInsideTheLimit() {
    FakeClock wall = new FakeClock(DEMO_WALL);
    Pacer pacer = new Pacer(0, 0, Pacer.DEFAULT_MAX_AHEAD, wall);
    pacer.await(DEMO_WALL, () -> false);
    assertThat(wall.nanoTime()).isZero();
    pacer.await(DEMO_WALL + 2 * DAY, () -> false);
    assertThat(wall.millis()).isEqualTo(DEMO_WALL + 2 * DAY - Pacer.DEFAULT_MAX_AHEAD.toMillis());
  }

  @Test
  void aStopEndsTheWait() {
    FakeClock wall = new FakeClock(DEMO_WALL);
    Pacer pacer = new Pacer(1, 0, Pacer.DEFAULT_MAX_AHEAD, wall);
    pacer.await(DEMO_START, () -> false);
    assertThat(pacer.await(DEMO_START + DAY, () -> wall.nanoTime() > Duration.ofSeconds(1).toNanos())).isFalse();
    assertThat(wall.nanoTime()).isLessThan(Duration.ofSeconds(2).toNanos());
  }

  @Test
  void nothingIsSentWhileTheBrakeIsOn() {
    FakeClock wall = new FakeClock(DEMO_WALL);
    Pacer pacer = new Pacer(0, 0, Pacer.DEFAULT_MAX_AHEAD, wall);
    long releasedAt = Duration.ofSeconds(3).toNanos();
    pacer.brake(() -> wall.nanoTime() < releasedAt);
    assertThat(pacer.await(DEMO_START, () -> false)).isTrue();
    assertThat(wall.nanoTime()).isGreaterThanOrEqualTo(releasedAt);
    pacer.brake(() -> true);
    wall.park(Duration.ofMillis(200).toNanos()); // the brake is looked at every 100 ms of sending
    assertThat(pacer.await(DEMO_START, () -> wall.nanoTime() > 2 * releasedAt)).isFalse();
  }

  @Test
  void negativeSpeedsAreRefused() {
    assertThatThrownBy(() -> new Pacer(-1, 0, Pacer.DEFAULT_MAX_AHEAD))
        .hasMessageContaining("clock speed and rate");
  }
}
