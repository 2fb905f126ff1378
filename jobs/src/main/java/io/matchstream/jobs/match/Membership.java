package io.matchstream.jobs.match;

/**
 * The pools the newest profile event of a post or candidate routed it to.
 *
 * @param eventTime that event's time, epoch ms
 * @param eventId that event's id (orders events of the same instant, as the pools do)
 * @param expiry the entity's age limit, epoch ms: the state's timer
 * @param pools the pool keys (interned)
 */
public record Membership(long eventTime, String eventId, long expiry, String[] pools) {

  public boolean contains(String pool) {
    for (String p : pools) {
      if (p.equals(pool)) {
        return true;
      }
    }
    return false;
  }
}
