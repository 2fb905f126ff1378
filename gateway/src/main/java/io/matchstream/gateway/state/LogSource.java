package io.matchstream.gateway.state;

import io.vertx.core.Future;
import java.util.List;
import java.util.function.Function;

/**
 * Reads a range of a source topic back, for a client resuming from a position older than the
 * channel's history in memory. Implementations bound what one read may cost and how many run at
 * once; a read they cannot serve fails with a {@link Refused} naming why.
 */
public interface LogSource {
  /**
   * One record read back. Resumes served by one read share its records, so what a reader makes of
   * a record (its decoded event) is kept with it and made once.
   */
  final class LogRecord {
    private final int partition;
    private final long offset;
    private final byte[] value;
    private Object memo;

    public LogRecord(int partition, long offset, byte[] value) {
      this.partition = partition;
      this.offset = offset;
      this.value = value;
    }

    public int partition() {
      return partition;
    }

    public long offset() {
      return offset;
    }

    public byte[] value() {
      return value;
    }

    /** {@code make} of this record, made on first use (answers of one read run one after another). */
    @SuppressWarnings("unchecked")
    public synchronized <T> T memo(Function<LogRecord, T> make) {
      if (memo == null) memo = make.apply(this);
      return (T) memo;
    }
  }

  /** Why a read-back was not served: the resume falls back to a snapshot flagged {@code resync}. */
  final class Refused extends RuntimeException {
    private final String reason;

    public Refused(String reason, String message) {
      super(message, null, false, false);
      this.reason = reason;
    }

    /** A short, bounded label for metrics: retention, bound, busy, timeout, error. */
    public String reason() {
      return reason;
    }
  }

  /**
   * Reads {@code [from[p], to[p])} of every partition p of {@code topic} where {@code from[p] <
   * to[p]}, in offset order per partition, and hands the records to {@code then} off the event
   * loop; completes on the caller's context.
   */
  <T> Future<T> read(String topic, long[] from, long[] to, Function<List<LogRecord>, T> then);
}
