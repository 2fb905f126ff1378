package io.matchstream.gateway.feed;

import java.time.Duration;

/**
 * What {@code /ready} reports: can the gateway read Kafka, and has the state been rebuilt from it.
 *
 * <p><b>Cannot read</b> means: no successful read of the end offsets of every partition the feed
 * reads (answered by each partition's leader, the broker a fetch goes to) within the last
 * {@link #UNREADABLE_AFTER}. The feed tries every 2 s with a 2-s timeout, so one lost leader
 * whose partitions move to another broker within a few seconds rides through, while a cluster
 * that does not answer (all brokers down, a partition without a leader, a feed that stopped
 * polling) turns {@code /ready} to 503 within that bound, and to 200 again at the first
 * successful read after it. The bound is measured when {@code /ready} is asked, so a feed that
 * stopped working at all is caught too.
 */
public final class FeedStatus {
  /** How long without a successful read before the gateway says it cannot read Kafka. */
  public static final Duration UNREADABLE_AFTER = Duration.ofSeconds(10);

  private volatile boolean configured;
  /** {@link System#nanoTime()} of the last successful read, or 0 before the first one. */
  private volatile long lastRead;
  private volatile boolean loaded;

  public void configured(boolean v) {
    configured = v;
  }

  /** The feed just read every partition's end offset (or the topics' metadata, before assigning). */
  void read() {
    lastRead = System.nanoTime();
  }

  void loaded() {
    loaded = true;
  }

  public boolean ready() {
    return reason() == null;
  }

  /** Why not ready, or null when ready. */
  public String reason() {
    if (!configured) return "kafka.bootstrap-servers is not set";
    long last = lastRead;
    if (last == 0) return "kafka cannot be read: no answer from the brokers yet";
    long silent = System.nanoTime() - last;
    if (silent > UNREADABLE_AFTER.toNanos()) {
      return "kafka cannot be read: no answer from the partitions' leaders for " + Duration.ofNanos(silent).toSeconds() + " s";
    }
    if (!loaded) return "state is still being rebuilt from the topics";
    return null;
  }
}
