package io.matchstream.gateway.ws;

import io.matchstream.gateway.auth.Viewer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Open websockets per viewer, over every HTTP verticle instance. A viewer is (role, city, sub):
 * the same pseudonym used by two cities' parks is two viewers, each with its own allowance.
 */
public final class ViewerConnections {
  private final Map<String, AtomicInteger> open = new ConcurrentHashMap<>();
  private final int limit;

  public ViewerConnections(int limit) {
    this.limit = limit;
  }

  int limit() {
    return limit;
  }

  /** Takes one of the viewer's connections; false (and nothing taken) when all are in use. */
  boolean acquire(Viewer viewer) {
    AtomicInteger count = open.computeIfAbsent(viewer.key(), k -> new AtomicInteger());
    if (count.incrementAndGet() > limit) {
      release(viewer);
      return false;
    }
    return true;
  }

  void release(Viewer viewer) {
    open.computeIfPresent(viewer.key(), (k, n) -> n.decrementAndGet() <= 0 ? null : n);
  }
}
