package io.matchstream.gateway.feed;

/** What {@code /ready} reports: is Kafka reachable, and has the state been rebuilt from it. */
public final class FeedStatus {
  private volatile boolean configured;
  private volatile boolean reachable;
  private volatile boolean loaded;

  public void configured(boolean v) {
    configured = v;
  }

  void reachable(boolean v) {
    reachable = v;
  }

  void loaded() {
    loaded = true;
  }

  public boolean ready() {
    return configured && reachable && loaded;
  }

  /** Why not ready, or null when ready. */
  public String reason() {
    if (!configured) return "kafka.bootstrap-servers is not set";
    if (!reachable) return "kafka is not reachable";
    if (!loaded) return "state is still being rebuilt from the topics";
    return null;
  }
}
