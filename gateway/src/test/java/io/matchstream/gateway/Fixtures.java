package io.matchstream.gateway;

import io.matchstream.events.Alert;
import io.matchstream.events.AlertState;
import io.matchstream.events.AlertType;
import io.matchstream.events.CertificateLevel;
import io.matchstream.events.CityStats;
import io.matchstream.events.Ids;
import io.matchstream.events.LevelFit;
import io.matchstream.events.Match;
import io.matchstream.events.SalaryFit;
import io.matchstream.events.codec.EventCodec;
import io.matchstream.events.codec.IsoTime;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.List;

/** Named instants and record factories for gateway tests. */
final class Fixtures {
  static final long MORNING = OffsetDateTime.parse("2026-03-02T09:15:00+08:00").toInstant().toEpochMilli();
  static final String TODAY = "2026-03-02";
  static final String WELDER = "6-18-02-04";

  private Fixtures() {}

  /** The n-th match of a city, with an id unique per (city, n). */
  static Match aMatch(String city, int n) {
    String vacancy = "vac-" + city.replace("_", "") + String.format("%06d", n);
    String candidate = "cand-" + String.format("%08d", n);
    String id = Ids.matchId(vacancy, candidate);
    return new Match(id, id, MORNING + n, 1, vacancy, candidate, city, WELDER, "emp-0001",
        0.8, 0.7, 1.0, 0.9, 1.0, 1.0, List.of("sk-1", "sk-2"), List.of(), SalaryFit.WITHIN,
        LevelFit.MEETS, MORNING, MORNING + n);
  }

  static CityStats figures(String city, String day, long revision, long matchesToday) {
    return new CityStats(city, city + "/" + day + "/" + revision, MORNING + revision, 1, day, revision,
        false, matchesToday, 10, 12, 3, 40, 30, 1.33, 12.5, 0.311, 2,
        Collections.nCopies(24, 0L), List.of(new CityStats.DayCount(day, matchesToday)),
        List.of(new CityStats.OccupationFigure(WELDER, 5, 2, 2.5)));
  }

  static Alert anAlert(String city, int n, AlertState state) {
    String vacancy = "vac-" + city.replace("_", "") + String.format("a%05d", n);
    String alertId = Ids.alertId(vacancy, AlertType.UNFILLED_TECHNICAL_POST);
    return new Alert(alertId, Ids.alertEventId(alertId, state, MORNING + n), MORNING + n, 1,
        AlertType.UNFILLED_TECHNICAL_POST, state, city, WELDER, vacancy, "emp-0001",
        MORNING - 31L * 86_400_000, 31, null, 6000, 8000, CertificateLevel.LEVEL_5, "焊工岗位空缺超过30天");
  }

  static byte[] json(Object event) {
    return EventCodec.encode(event);
  }

  static String iso(long millis) {
    return IsoTime.format(millis);
  }
}
