package io.matchstream.notifier.delivery;

import io.matchstream.events.AlertState;

/**
 * One record of the delivery log (topic {@code notifications}, key {@link #key()}): a receiver
 * was sent an alert's state change, or gave up on it.
 *
 * @param receiver receiver name
 * @param alertId the alert
 * @param eventId the state change (one per FIRING or RESOLVED)
 * @param state the state sent
 * @param delivered true if the receiver accepted it; false if it was refused or retries gave up
 * @param time when (wall clock, epoch ms); a repeat overwrites it
 * @param groupKey the group it went out in
 * @param startsAt when the alert began firing (epoch ms), so a later RESOLVED message can say so
 */
public record Delivery(
    String receiver,
    String alertId,
    String eventId,
    AlertState state,
    boolean delivered,
    long time,
    String groupKey,
    long startsAt) {

  /** The compaction key: one record per receiver and state change. */
  public String key() {
    return key(receiver, eventId);
  }

  public static String key(String receiver, String eventId) {
    return receiver + "|" + eventId;
  }

  /** Whether the receiver knows this alert is firing (and so must hear when it resolves). */
  public boolean firingDelivered() {
    return delivered && state == AlertState.FIRING;
  }
}
