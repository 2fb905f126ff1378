package io.matchstream.notifier.model;

import java.util.List;
import java.util.Map;

/**
 * One message to one receiver: a group's alerts, or a digest of several groups when the
 * receiver's rate limit would otherwise be exceeded.
 *
 * @param receiver receiver name
 * @param groupKey Alertmanager's group key, e.g. {@code {}:{alertname="…", city="ningbo"}}
 * @param groupLabels the labels the group shares by construction
 * @param alerts firing alerts and newly resolved ones, firing first
 * @param groups how many groups this message covers (more than one only for a digest)
 */
public record Notification(
    String receiver, String groupKey, Map<String, String> groupLabels, List<AlertView> alerts, int groups) {

  public boolean digest() {
    return groups > 1;
  }

  /** {@code firing} if any alert is firing, else {@code resolved}. */
  public String status() {
    return alerts.stream().anyMatch(AlertView::firing) ? "firing" : "resolved";
  }

  public long firingCount() {
    return alerts.stream().filter(AlertView::firing).count();
  }

  public long resolvedCount() {
    return alerts.size() - firingCount();
  }
}
