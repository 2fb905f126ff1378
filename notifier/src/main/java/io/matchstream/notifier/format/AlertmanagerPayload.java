package io.matchstream.notifier.format;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.matchstream.notifier.model.AlertView;
import io.matchstream.notifier.model.Notification;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Alertmanager's webhook payload, {@code version: "4"}: what its {@code webhook_config} POSTs, so
 * tools written for Alertmanager take matchstream's alerts unchanged.
 */
public final class AlertmanagerPayload {
  /** What Alertmanager sends as {@code endsAt} of an alert that has not ended. */
  static final String NOT_ENDED = "0001-01-01T00:00:00Z";

  private AlertmanagerPayload() {}

  public static ObjectNode of(Notification n, String externalUrl) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode root = f.objectNode();
    root.put("version", "4");
    root.put("groupKey", n.groupKey());
    root.put("truncatedAlerts", 0);
    root.put("status", n.status());
    root.put("receiver", n.receiver());
    root.set("groupLabels", map(n.groupLabels()));
    root.set("commonLabels", map(common(n.alerts(), AlertView::labels)));
    root.set("commonAnnotations", map(common(n.alerts(), AlertView::annotations)));
    root.put("externalURL", externalUrl);
    ArrayNode alerts = root.putArray("alerts");
    for (AlertView a : n.alerts()) {
      ObjectNode o = alerts.addObject();
      o.put("status", a.status());
      o.set("labels", map(a.labels()));
      o.set("annotations", map(a.annotations()));
      o.put("startsAt", time(a.startsAt()));
      o.put("endsAt", a.endsAt() == 0 ? NOT_ENDED : time(a.endsAt()));
      o.put("generatorURL", externalUrl);
      o.put("fingerprint", a.fingerprint());
    }
    return root;
  }

  /** RFC 3339 in UTC, as Alertmanager writes times. */
  static String time(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).toString();
  }

  private static Map<String, String> common(List<AlertView> alerts, Function<AlertView, Map<String, String>> of) {
    if (alerts.isEmpty()) {
      return Map.of();
    }
    Map<String, String> common = new LinkedHashMap<>(of.apply(alerts.get(0)));
    for (AlertView a : alerts.subList(1, alerts.size())) {
      Map<String, String> other = of.apply(a);
      common.entrySet().removeIf(e -> !e.getValue().equals(other.get(e.getKey())));
    }
    return common;
  }

  private static ObjectNode map(Map<String, String> m) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    m.forEach(o::put);
    return o;
  }
}
