package io.matchstream.jobs.common;

import java.io.Serializable;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;

/**
 * The one watermark strategy of every job's input, per Kafka partition: bounded out-of-orderness
 * ({@code source.max-out-of-orderness}), idle partitions released after {@code source.idle-timeout},
 * and a lead cap: the newest event time the watermark follows is at most the wall clock plus {@code
 * source.watermark-max-lead}.
 *
 * <p>Why the cap: a valid event may name a time up to {@code source.max-future-skew} (a day) ahead
 * of the clock, a producer whose clock is wrong. Followed blindly, one such event would move the
 * watermark a day ahead on a quiet partition: every later on-time event would be late, the match
 * job would hold it for a day and city-stats would dead-letter it. With the cap, the skewed event
 * is accepted and simply waits, in the operators' event-time buffers, until the clock reaches it;
 * everyone else's events stay on time. Data older than the clock (a backlog, a replay) is not
 * affected: the cap only bites ahead of the wall clock.
 */
public final class InputWatermarks {
  private InputWatermarks() {}

  /** Milliseconds of the wall clock; a test may give its own. */
  @FunctionalInterface
  public interface WallClock extends Serializable {
    long millis();

    WallClock SYSTEM = System::currentTimeMillis;
  }

  /** The strategy from the shared options, on the system clock. */
  public static <T> WatermarkStrategy<T> strategy(Configuration conf, SerializableTimestampAssigner<T> eventTime) {
    return strategy(conf.get(JobOptions.MAX_OUT_OF_ORDERNESS), conf.get(JobOptions.IDLE_TIMEOUT),
        conf.get(JobOptions.WATERMARK_MAX_LEAD), eventTime, WallClock.SYSTEM);
  }

  public static <T> WatermarkStrategy<T> strategy(Duration disorder, Duration idleness, Duration maxLead,
      SerializableTimestampAssigner<T> eventTime, WallClock clock) {
    long disorderMillis = disorder.toMillis();
    long leadMillis = maxLead.toMillis();
    WatermarkStrategy<T> capped = ctx -> new LeadCapped<>(disorderMillis, leadMillis, clock);
    return capped.withTimestampAssigner(eventTime).withIdleness(idleness);
  }

  /** Bounded out-of-orderness over event times capped at the wall clock plus the lead. */
  static final class LeadCapped<T> implements WatermarkGenerator<T> {
    private final long disorder;
    private final long lead;
    private final WallClock clock;
    private long newest;
    private long emitted = Long.MIN_VALUE;

    LeadCapped(long disorder, long lead, WallClock clock) {
      this.disorder = disorder;
      this.lead = lead;
      this.clock = clock;
      this.newest = Long.MIN_VALUE + disorder + 1;
    }

    @Override
    public void onEvent(T event, long timestamp, WatermarkOutput output) {
      newest = Math.max(newest, timestamp);
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
      long followed = Math.min(newest, clock.millis() + lead);
      long watermark = followed - disorder - 1;
      // A wall clock stepped back must not move a watermark back.
      if (watermark > emitted) {
        emitted = watermark;
        output.emitWatermark(new Watermark(watermark));
      }
    }
  }
}
