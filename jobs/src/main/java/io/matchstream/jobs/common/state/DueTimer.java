package io.matchstream.jobs.common.state;

import java.io.IOException;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.streaming.api.TimerService;

/**
 * The one event-time timer of a shard: at the earliest instant any of its entities is due (an
 * expiry, an alert deadline, a tombstone's end). It may fire early when that entity's due instant
 * moved on; the shard's scan then finds nothing due and sets the timer at the new earliest instant.
 * It is never later than an entity's due instant, so nothing is acted on later than with one timer
 * per entity.
 */
public final class DueTimer {
  private final ValueState<Long> next;

  public DueTimer(RuntimeContext rc) {
    next = rc.getState(new ValueStateDescriptor<>("next-due", LongSerializer.INSTANCE));
  }

  /** Makes sure the shard's timer fires no later than {@code due}. */
  public void noLaterThan(TimerService timers, long due) throws IOException {
    Long at = next.value();
    if (at == null || due < at) {
      if (at != null) {
        timers.deleteEventTimeTimer(at);
      }
      timers.registerEventTimeTimer(due);
      next.update(due);
    }
  }

  /**
   * After a scan or when the shard emptied: the timer is set
   * at {@code earliest}, or removed with its state when it is {@link Long#MAX_VALUE} (nothing due).
   */
  public void reset(TimerService timers, long earliest) throws IOException {
    Long at = next.value();
    if (at != null && at == earliest) {
      return;
    }
    if (at != null) {
      timers.deleteEventTimeTimer(at); // a no-op when it is the one firing now
    }
    if (earliest == Long.MAX_VALUE) {
      next.clear();
    } else {
      timers.registerEventTimeTimer(earliest);
      next.update(earliest);
    }
  }
}
