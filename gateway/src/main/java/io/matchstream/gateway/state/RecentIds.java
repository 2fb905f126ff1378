package io.matchstream.gateway.state;

import java.util.Iterator;
import java.util.LinkedHashMap;

/**
 * The last N ids seen, to drop repeated records, each with where it was first seen in its log
 * (partition and offset), so a read-back can tell a repeat of a record before its range; the
 * oldest id leaves when full. Not thread-safe.
 */
final class RecentIds {
  /** Where an id was seen when the caller did not say. */
  static final long NOWHERE = -1;

  private final int capacity;
  private final LinkedHashMap<String, Long> ids = new LinkedHashMap<>();

  RecentIds(int capacity) {
    this.capacity = capacity;
  }

  /** True if the id is new (and now remembered); false if it was seen recently. */
  boolean add(String id) {
    return add(id, NOWHERE);
  }

  /** As {@link #add(String)}, remembering {@code at} (see {@link #at}) for a new id. */
  boolean add(String id, long at) {
    if (ids.putIfAbsent(id, at) != null) return false;
    if (ids.size() > capacity) {
      Iterator<String> oldest = ids.keySet().iterator();
      oldest.next();
      oldest.remove();
    }
    return true;
  }

  /** Where the id was first seen, or {@link #NOWHERE}. */
  long firstSeen(String id) {
    Long at = ids.get(id);
    return at == null ? NOWHERE : at;
  }

  /** A record's place packed in a long: partition in the top 16 bits, offset in the low 48. */
  static long at(int partition, long offset) {
    if (partition < 0 || partition >= 1 << 15 || offset < 0 || offset >= 1L << 48) return NOWHERE;
    return ((long) partition << 48) | offset;
  }

  int size() {
    return ids.size();
  }
}
