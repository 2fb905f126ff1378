package io.matchstream.gateway.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.matchstream.events.Alert;
import io.matchstream.events.AlertState;
import io.matchstream.events.AlertType;
import io.matchstream.events.CityStats;
import io.matchstream.events.Ids;
import io.matchstream.events.cities.CityRegistry;
import io.matchstream.events.taxonomy.Taxonomy;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The store's bounds: days per city, alert changes in whole days, and what it refuses. */
class HistoryStoreTest {
  static final LocalDate MONDAY = LocalDate.parse("2026-11-23");
  static final CityRegistry CITIES = CityRegistry.loadDefault();
  static final Taxonomy TAXONOMY = Taxonomy.loadDefault();

  @Test
  void keepsTheNewestDaysPerCityUpToItsCap() {
    HistoryStore store = new HistoryStore(CITIES, TAXONOMY, new HistoryConfig(3, 10, 366));
    for (int d = 0; d < 5; d++) assertThat(store.putDay(aFinal("ningbo", MONDAY.plusDays(d), d))).isNull();
    // An older day arriving late, with no room left, is not kept either.
    store.putDay(aFinal("ningbo", MONDAY.minusDays(1), 99));
    assertThat(store.days("ningbo", MONDAY.minusDays(7), MONDAY.plusDays(7)))
        .extracting(DayFigures::day).containsExactly("2026-11-25", "2026-11-26", "2026-11-27");
  }

  @Test
  void dropsWholeOldestDaysOfAlertsPastTheCapAndSaysARangeReachingThemIsIncomplete() {
    HistoryStore store = new HistoryStore(CITIES, TAXONOMY, new HistoryConfig(10, 4, 366));
    for (int d = 0; d < 3; d++) {
      store.putAlert(anAlert("vac-a" + d, AlertState.FIRING, MONDAY.plusDays(d)));
      store.putAlert(anAlert("vac-b" + d, AlertState.FIRING, MONDAY.plusDays(d)));
    }
    assertThat(store.alertChangesKept()).isEqualTo(4);
    HistoryStore.AlertRange all = store.alerts(MONDAY, MONDAY.plusDays(2), null);
    assertThat(all.complete()).isFalse();
    assertThat(all.changes()).extracting(AlertChange::vacancyId).containsExactly("vac-a1", "vac-b1", "vac-a2", "vac-b2");
    assertThat(store.alerts(MONDAY.plusDays(1), MONDAY.plusDays(2), null).complete()).isTrue();
    // A late change of a dropped day is not kept: a day kept is whole.
    store.putAlert(anAlert("vac-c0", AlertState.RESOLVED, MONDAY));
    assertThat(store.alerts(MONDAY, MONDAY, null).changes()).isEmpty();
  }

  @Test
  void aRepeatedChangeCountsOnceAndUnknownCitiesOrLiveRecordsAreRefused() {
    HistoryStore store = new HistoryStore(CITIES, TAXONOMY, new HistoryConfig(10, 10, 366));
    store.putAlert(anAlert("vac-a", AlertState.FIRING, MONDAY));
    store.putAlert(anAlert("vac-a", AlertState.FIRING, MONDAY));
    assertThat(store.alertChangesKept()).isEqualTo(1);
    CityStats live = aFinal("ningbo", MONDAY, 1);
    live = new CityStats(live.cityId(), live.eventId(), live.eventTime(), 1, live.day(), 1, false, 1, 0, 0, 0, 0,
        0, null, null, null, 0, null, null, null);
    assertThat(store.putDay(live)).isEqualTo("not a final record");
    assertThat(store.putDay(aFinal("atlantis", MONDAY, 1))).isEqualTo("unknown cityId");
    assertThat(store.putAlert(anAlert("vac-z", AlertState.FIRING, MONDAY, "atlantis"))).isEqualTo("unknown cityId");
  }

  private static CityStats aFinal(String city, LocalDate day, long matches) {
    return new CityStats(city, city + "/" + day + "/1", 0L, 1, day.toString(), 1, true, matches, 1, 1, 1, 1, 1,
        1.0, null, null, 0, List.of(), List.of(), List.of());
  }

  private static Alert anAlert(String vacancy, AlertState state, LocalDate day) {
    return anAlert(vacancy, state, day, "ningbo");
  }

  private static Alert anAlert(String vacancy, AlertState state, LocalDate day, String city) {
    long t = day.atTime(12, 0).toInstant(ZoneOffset.ofHours(8)).toEpochMilli();
    String alertId = Ids.alertId(vacancy, AlertType.UNFILLED_TECHNICAL_POST);
    return new Alert(alertId, Ids.alertEventId(alertId, state, t), t, 1, AlertType.UNFILLED_TECHNICAL_POST, state,
        city, "6-18-02-04", vacancy, "emp-0001", t - 31L * 86_400_000, 31, null, null, null, null, "m");
  }
}
