package io.matchstream.jobs.match;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The pools the newest profile event of a post or candidate routed it to. Compact: one per open
 * entity, so the event id is kept as its ASCII bytes and the first pool outside an array (a post
 * has exactly one).
 *
 * @param eventTime that event's time, epoch ms
 * @param eventId that event's id, ASCII (orders events of the same instant, as the pools do)
 * @param expiry the entity's age limit, epoch ms: the state's timer
 * @param pool the first pool key (interned); null if the profile belongs in no pool
 * @param morePools the other pool keys (interned), usually none
 */
public record Membership(long eventTime, byte[] eventId, long expiry, String pool, String[] morePools) {
  static final String[] NONE = new String[0];

  static Membership of(long eventTime, String eventId, long expiry, List<String> pools) {
    String[] more = pools.size() <= 1 ? NONE : pools.subList(1, pools.size()).toArray(String[]::new);
    return new Membership(eventTime, eventId.getBytes(StandardCharsets.US_ASCII), expiry,
        pools.isEmpty() ? null : pools.get(0), more);
  }

  public boolean contains(String key) {
    if (key.equals(pool)) {
      return true;
    }
    for (String p : morePools) {
      if (p.equals(key)) {
        return true;
      }
    }
    return false;
  }

  public List<String> pools() {
    if (pool == null) {
      return List.of();
    }
    String[] all = new String[morePools.length + 1];
    all[0] = pool;
    System.arraycopy(morePools, 0, all, 1, morePools.length);
    return Arrays.asList(all);
  }

  /** The event id as text. */
  public String eventIdText() {
    return new String(eventId, StandardCharsets.US_ASCII);
  }

  /** Whether an event at (time, id) comes at or after this one in the pools' order. */
  boolean notAfter(long time, String id) {
    return time > eventTime
        || (time == eventTime && Arrays.compareUnsigned(id.getBytes(StandardCharsets.US_ASCII), eventId) >= 0);
  }
}
