package io.matchstream.notifier;

import io.matchstream.events.Alert;
import io.matchstream.events.AlertState;
import io.matchstream.events.AlertType;
import io.matchstream.events.CertificateLevel;
import io.matchstream.events.Ids;
import io.matchstream.events.SchemaVersion;
import java.time.Duration;
import java.time.Instant;

/** Alert fixtures: an unfilled welder post in a city, firing or resolved. */
final class Alerts {
  /** When the posts opened: a Monday morning in Shanghai. */
  static final Instant POSTED = Instant.parse("2026-02-02T01:00:00Z");
  static final Instant FIRED = POSTED.plus(Duration.ofDays(30));
  static final Instant FILLED = FIRED.plus(Duration.ofDays(3));

  private Alerts() {}

  static Alert firing(String city, String vacancyId) {
    return unfilled(city, vacancyId, AlertState.FIRING, FIRED, 30, "宁波 多工序数控机床操作调整工 岗位已空缺 30 天");
  }

  static Alert resolved(String city, String vacancyId) {
    return unfilled(city, vacancyId, AlertState.RESOLVED, FILLED, 33, "岗位已招满");
  }

  private static Alert unfilled(String city, String vacancyId, AlertState state, Instant at, int days, String message) {
    String id = Ids.alertId(vacancyId, AlertType.UNFILLED_TECHNICAL_POST);
    long t = at.toEpochMilli();
    return new Alert(id, Ids.alertEventId(id, state, t), t, SchemaVersion.CURRENT, AlertType.UNFILLED_TECHNICAL_POST,
        state, city, "6-18-01-07", vacancyId, "emp-" + city, POSTED.toEpochMilli(), days, null, 8000, 12000,
        CertificateLevel.LEVEL_4, message);
  }
}
