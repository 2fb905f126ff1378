package io.matchstream.simulator;

import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.concurrent.locks.LockSupport;

/**
 * When to send each simulated event: the one pacing rule of everything that plays the simulator
 * into Kafka (the command line, the all-in-one). Three limits, the latest wins:
 *
 * <ul>
 *   <li><b>Clock speed.</b> Simulated time advances {@code clockSpeed} times faster than wall time
 *       from the first event on (144: a day in ten minutes; 0: no limit).
 *   <li><b>Rate.</b> At most {@code maxRate} records a second (0: no limit).
 *   <li><b>The jobs' future-skew limit.</b> The jobs reject events more than a day ahead of their
 *       wall clock ({@code EventValidator.DEFAULT_MAX_FUTURE_SKEW}). An accelerated clock started in
 *       the past catches up with the wall clock (from a date nine months back, at 144×, in about
 *       two days) and would then run ahead of it; so an event is never sent before the wall clock
 *       is within {@code maxAhead} of its simulated time ({@link #DEFAULT_MAX_AHEAD}, 23 hours: an
 *       hour's margin). From then on the simulation runs at wall speed, 23 hours ahead.
 *   <li><b>A brake.</b> While the {@linkplain #brake brake} answers true (checked at most every
 *       100 ms), nothing is sent: a soak run at clock speed 0 goes as fast as the jobs keep up.
 * </ul>
 *
 * <p>Not thread-safe: one sender calls {@link #await} for each event in emission order.
 */
public final class Pacer {
  /** How far simulated time may run ahead of the wall clock: the jobs' day of skew less an hour. */
  public static final Duration DEFAULT_MAX_AHEAD = Duration.ofHours(23);

  private static final long MAX_PARK_NANOS = 100_000_000L;
  private static final long BRAKE_CHECK_NANOS = 100_000_000L;

  /** Wall time, and waiting for it: the system's in production, a fake one in tests. */
  interface WallClock {
    /** Monotonic nanoseconds, for pacing. */
    long nanoTime();

    /** Epoch milliseconds, compared with simulated time for the skew limit. */
    long millis();

    void park(long nanos);

    WallClock SYSTEM = new WallClock() {
      @Override
      public long nanoTime() {
        return System.nanoTime();
      }

      @Override
      public long millis() {
        return System.currentTimeMillis();
      }

      @Override
      public void park(long nanos) {
        LockSupport.parkNanos(nanos);
      }
    };
  }

  private final double clockSpeed;
  private final double nanosPerRecord;
  private final long maxAheadMillis;
  private final WallClock clock;
  private long realStart = Long.MIN_VALUE;
  private long simStart;
  private long count;
  private long nextBrakeCheck;
  private volatile BooleanSupplier brake = () -> false;

  /**
   * @param clockSpeed simulated seconds per wall second; 0 for as fast as possible
   * @param maxRate records per second at most; 0 for no cap
   * @param maxAhead how far an event's simulated time may be ahead of the wall clock when it is sent
   */
  public Pacer(double clockSpeed, double maxRate, Duration maxAhead) {
    this(clockSpeed, maxRate, maxAhead, WallClock.SYSTEM);
  }

  Pacer(double clockSpeed, double maxRate, Duration maxAhead, WallClock clock) {
    if (!(clockSpeed >= 0) || !(maxRate >= 0) || Double.isInfinite(clockSpeed) || Double.isInfinite(maxRate)) {
      throw new IllegalArgumentException("clock speed and rate must be finite and not negative");
    }
    if (maxAhead.isNegative()) {
      throw new IllegalArgumentException("maxAhead must not be negative, not " + maxAhead);
    }
    this.clockSpeed = clockSpeed;
    this.nanosPerRecord = maxRate > 0 ? 1e9 / maxRate : 0;
    this.maxAheadMillis = maxAhead.toMillis();
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** While {@code brake} answers true, {@link #await} holds every event back. */
  public void brake(BooleanSupplier brake) {
    this.brake = Objects.requireNonNull(brake, "brake");
  }

  /**
   * Waits until the next event, emitted at simulated time {@code emitTime} (epoch ms), may be sent.
   *
   * @param stopped checked while waiting (at least every 100 ms)
   * @return false if {@code stopped} turned true first
   */
  public boolean await(long emitTime, BooleanSupplier stopped) {
    long due = due(emitTime);
    for (long left = due - clock.nanoTime(); left > 0; left = due - clock.nanoTime()) {
      if (stopped.getAsBoolean()) {
        return false;
      }
      clock.park(Math.min(left, MAX_PARK_NANOS));
    }
    if (clock.nanoTime() - nextBrakeCheck >= 0) {
      while (brake.getAsBoolean()) {
        if (stopped.getAsBoolean()) {
          return false;
        }
        clock.park(MAX_PARK_NANOS);
      }
      nextBrakeCheck = clock.nanoTime() + BRAKE_CHECK_NANOS;
    }
    return !stopped.getAsBoolean();
  }

  /** The wall instant (on {@link WallClock#nanoTime}) the event is due; counts it. */
  long due(long emitTime) {
    long now = clock.nanoTime();
    if (realStart == Long.MIN_VALUE) {
      realStart = now;
      simStart = emitTime;
      nextBrakeCheck = now;
    }
    long due = realStart;
    if (clockSpeed > 0) {
      due = Math.max(due, realStart + (long) ((emitTime - simStart) * 1e6 / clockSpeed));
    }
    if (nanosPerRecord > 0) {
      due = Math.max(due, realStart + (long) (count * nanosPerRecord));
    }
    long aheadMillis = emitTime - maxAheadMillis - clock.millis();
    if (aheadMillis > 0) {
      due = Math.max(due, now + aheadMillis * 1_000_000L);
    }
    count++;
    return due;
  }
}
