package io.matchstream.gateway.state;

import java.util.LinkedHashSet;

/** The last N ids seen, to drop repeated records; the oldest id leaves when full. Not thread-safe. */
final class RecentIds {
  private final int capacity;
  private final LinkedHashSet<String> ids = new LinkedHashSet<>();

  RecentIds(int capacity) {
    this.capacity = capacity;
  }

  /** True if the id is new (and now remembered); false if it was seen recently. */
  boolean add(String id) {
    if (!ids.add(id)) return false;
    if (ids.size() > capacity) {
      ids.remove(ids.iterator().next());
    }
    return true;
  }

  int size() {
    return ids.size();
  }
}
