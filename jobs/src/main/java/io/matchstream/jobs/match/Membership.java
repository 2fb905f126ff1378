package io.matchstream.jobs.match;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The pools the newest profile event of a post or candidate routed it to, held in its router
 * shard's map under the entity's id. Immutable (replaced, never changed) and compact, one per open
 * entity: 40 bytes on a 64-bit JVM with compressed pointers, and nothing else for the usual shapes.
 *
 * <ul>
 *   <li>The event id orders events of the same instant as the pools order them (by its ASCII
 *       bytes). The usual id, {@code <entity id>:<n>} (the simulator's and the gateway's shape),
 *       is kept as {@code n} alone ({@link #eventSeq}); the entity id is the map's key, so the id is
 *       exact again when needed. Any other id is kept as its ASCII bytes.
 *   <li>The pools are one interned key (a post's one pool) or an array of them (a candidate's pools),
 *       in one field.
 * </ul>
 */
public final class Membership {
  /** {@link #eventSeq} when the event id does not have the usual shape: see {@link #otherEventId}. */
  public static final int NO_SEQ = -1;
  private static final String[] NO_POOLS = new String[0];

  private final long eventTime;
  private final long clearAt;
  private final int eventSeq;
  private final byte[] otherEventId;
  private final Object pools;

  /**
   * @param eventTime the newest event's time, epoch ms
   * @param clearAt when the membership stops counting (epoch ms, event time): the entity's age
   *     limit, see {@link PoolRouting}
   * @param eventSeq {@code n} of the event id {@code <entity id>:<n>}, or {@link #NO_SEQ}
   * @param otherEventId the event id's ASCII bytes when it has another shape, else null
   * @param pools null (no pool), one interned pool key (String), or several (String[])
   */
  public Membership(long eventTime, long clearAt, int eventSeq, byte[] otherEventId, Object pools) {
    if ((eventSeq == NO_SEQ) == (otherEventId == null)) {
      throw new IllegalArgumentException("an event id is either a sequence number or other bytes");
    }
    this.eventTime = eventTime;
    this.clearAt = clearAt;
    this.eventSeq = eventSeq;
    this.otherEventId = otherEventId;
    this.pools = pools;
  }

  static Membership of(long eventTime, String eventId, String entityId, long clearAt, List<String> pools) {
    int seq = seqOf(eventId, entityId);
    Object p = pools.isEmpty() ? null : pools.size() == 1 ? pools.get(0) : pools.toArray(String[]::new);
    return new Membership(eventTime, clearAt, seq,
        seq == NO_SEQ ? eventId.getBytes(StandardCharsets.US_ASCII) : null, p);
  }

  /**
   * {@code n} when {@code eventId} is exactly {@code entityId + ":" + n} with {@code n} a
   * non-negative int in canonical decimal (so the id is rebuilt exactly), else {@link #NO_SEQ}.
   */
  static int seqOf(String eventId, String entityId) {
    int from = entityId.length() + 1;
    int digits = eventId.length() - from;
    if (digits < 1 || digits > 10 || eventId.charAt(from - 1) != ':' || !eventId.startsWith(entityId)
        || (digits > 1 && eventId.charAt(from) == '0')) {
      return NO_SEQ;
    }
    long n = 0;
    for (int i = from; i < eventId.length(); i++) {
      char c = eventId.charAt(i);
      if (c < '0' || c > '9') {
        return NO_SEQ;
      }
      n = n * 10 + (c - '0');
    }
    return n > Integer.MAX_VALUE ? NO_SEQ : (int) n;
  }

  public long eventTime() {
    return eventTime;
  }

  public long clearAt() {
    return clearAt;
  }

  public int eventSeq() {
    return eventSeq;
  }

  /** The event id's ASCII bytes when it is not {@code <entity id>:<n>}, else null. */
  public byte[] otherEventId() {
    return otherEventId;
  }

  public boolean contains(String key) {
    if (pools instanceof String p) {
      return p.equals(key);
    }
    if (pools instanceof String[] all) {
      for (String p : all) {
        if (p.equals(key)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The pool keys, in the order the event listed them. */
  public List<String> pools() {
    if (pools == null) {
      return List.of();
    }
    return pools instanceof String p ? List.of(p) : List.of((String[]) pools);
  }

  /** The pool keys as an array (for the serializer). */
  public String[] poolArray() {
    if (pools == null) {
      return NO_POOLS;
    }
    return pools instanceof String p ? new String[] {p} : (String[]) pools;
  }

  /** The event id as text, given the entity's id. */
  public String eventIdText(String entityId) {
    return eventSeq != NO_SEQ ? entityId + ":" + eventSeq : new String(otherEventId, StandardCharsets.US_ASCII);
  }

  /** Whether an event at (time, id) comes at or after this one in the pools' order. */
  boolean notAfter(long time, String id, String entityId) {
    if (time != eventTime) {
      return time > eventTime;
    }
    byte[] mine = eventSeq != NO_SEQ ? eventIdText(entityId).getBytes(StandardCharsets.US_ASCII) : otherEventId;
    return Arrays.compareUnsigned(id.getBytes(StandardCharsets.US_ASCII), mine) >= 0;
  }
}
