package io.matchstream.notifier.model;

import io.matchstream.events.Alert;
import io.matchstream.events.AlertState;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * An alert as receivers see it: Alertmanager's labels and annotations, derived from one state
 * change on the {@code alerts} topic.
 *
 * @param alert the state change
 * @param labels identifying labels, sorted by name
 * @param annotations descriptive text, in a fixed order
 * @param startsAt when the alert began firing (epoch ms)
 * @param endsAt when it resolved (epoch ms), or 0 while firing
 * @param fingerprint 16 hex digits identifying the label set, as Alertmanager computes it
 */
public record AlertView(
    Alert alert,
    Map<String, String> labels,
    Map<String, String> annotations,
    long startsAt,
    long endsAt,
    String fingerprint) {

  /**
   * @param alert the state change
   * @param firingSince when the same alert was seen firing, or 0 if unknown (a RESOLVED record
   *     then starts at the post's opening time)
   */
  public static AlertView of(Alert alert, long firingSince) {
    Map<String, String> labels = new TreeMap<>();
    labels.put("alertname", alert.alertType().name());
    labels.put("alertId", alert.alertId());
    labels.put("severity", "warning");
    putIfPresent(labels, "city", alert.cityId());
    putIfPresent(labels, "occupation", alert.occupationCode());
    putIfPresent(labels, "vacancy", alert.vacancyId());
    putIfPresent(labels, "employer", alert.employerId());

    Map<String, String> annotations = new LinkedHashMap<>();
    putIfPresent(annotations, "summary", alert.message());
    if (alert.daysOpen() != null) {
      annotations.put("daysOpen", alert.daysOpen().toString());
    }
    if (alert.ratio() != null) {
      annotations.put("ratio", String.format(java.util.Locale.ROOT, "%.2f", alert.ratio()));
    }
    if (alert.salaryMin() != null && alert.salaryMax() != null) {
      annotations.put("salaryCny", alert.salaryMin() + "-" + alert.salaryMax());
    }
    if (alert.certificateLevel() != null) {
      annotations.put("certificateLevel", alert.certificateLevel().name());
    }
    boolean firing = alert.state() == AlertState.FIRING;
    long startsAt = firing ? alert.eventTime() : firingSince != 0 ? firingSince : alert.openedTime();
    return new AlertView(alert, Collections.unmodifiableMap(labels), Collections.unmodifiableMap(annotations),
        startsAt, firing ? 0 : alert.eventTime(), fingerprint(labels));
  }

  public boolean firing() {
    return alert.state() == AlertState.FIRING;
  }

  /** {@code firing} or {@code resolved}, as in Alertmanager's payload. */
  public String status() {
    return firing() ? "firing" : "resolved";
  }

  public String alertId() {
    return alert.alertId();
  }

  public String eventId() {
    return alert.eventId();
  }

  /**
   * Prometheus' label-set fingerprint: FNV-1a 64 over each name and value, each followed by the
   * byte 0xff, names sorted; printed as 16 hex digits.
   */
  static String fingerprint(Map<String, String> sortedLabels) {
    long hash = 0xcbf29ce484222325L;
    for (Map.Entry<String, String> e : sortedLabels.entrySet()) {
      hash = fnv(hash, e.getKey());
      hash = fnv(hash, e.getValue());
    }
    return String.format("%016x", hash);
  }

  private static long fnv(long hash, String s) {
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      hash ^= (b & 0xff);
      hash *= 0x100000001b3L;
    }
    hash ^= 0xff;
    hash *= 0x100000001b3L;
    return hash;
  }

  private static void putIfPresent(Map<String, String> map, String key, String value) {
    if (value != null && !value.isEmpty()) {
      map.put(key, value);
    }
  }
}
