package io.matchstream.gateway.history;

import io.matchstream.events.Alert;
import io.matchstream.events.CityStats;
import io.matchstream.events.ShanghaiCalendar;
import io.matchstream.events.cities.CityRegistry;
import io.matchstream.events.taxonomy.Occupation;
import io.matchstream.events.taxonomy.Taxonomy;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * Past days in memory, bounded: per city and for the nation the summary figures of each day's final
 * record ({@link HistoryConfig#days} days at most, the oldest dropped first), and the alert changes
 * per Shanghai day ({@link HistoryConfig#alertChanges} in all; past it whole days are dropped, the
 * oldest first, so a day kept is complete). Filled by {@link HistoryFeedVerticle} from the history
 * topics, read by the REST handlers; one lock, held only to add a record or copy out a range.
 */
public final class HistoryStore {
  private final CityRegistry cities;
  private final Taxonomy taxonomy;
  private final HistoryConfig cfg;
  private final Map<String, TreeMap<LocalDate, DayFigures>> days = new HashMap<>();
  private final TreeMap<LocalDate, Set<AlertChange>> alerts = new TreeMap<>();
  private int alertCount;
  /** The newest day whose alert changes were dropped for the cap; null while none was. */
  private LocalDate alertsDroppedThrough;
  private volatile boolean loaded;

  public HistoryStore(CityRegistry cities, Taxonomy taxonomy, HistoryConfig cfg) {
    this.cities = cities;
    this.taxonomy = taxonomy;
    this.cfg = cfg;
  }

  public HistoryConfig config() {
    return cfg;
  }

  /** True once the history topics were read to the end offsets seen at start. */
  public boolean loaded() {
    return loaded;
  }

  void markLoaded() {
    loaded = true;
  }

  /** Keeps a day's final figures (a later record of the same day replaces it); null, else why not. */
  public synchronized String putDay(CityStats s) {
    if (s.cityId() == null || !(s.cityId().equals(CityStats.NATIONAL) || cities.contains(s.cityId()))) {
      return "unknown cityId";
    }
    if (!s.isFinal()) return "not a final record";
    LocalDate day;
    try {
      day = LocalDate.parse(s.day());
    } catch (RuntimeException e) {
      return "day is not yyyy-MM-dd";
    }
    String key = s.cityId().equals(CityStats.NATIONAL) ? CityStats.NATIONAL : cities.get(s.cityId()).id();
    TreeMap<LocalDate, DayFigures> kept = days.computeIfAbsent(key, k -> new TreeMap<>());
    if (kept.size() >= cfg.days() && !kept.containsKey(day) && day.isBefore(kept.firstKey())) {
      return null; // older than every day kept, and there is no room: it would be dropped at once
    }
    kept.put(day, DayFigures.of(s));
    while (kept.size() > cfg.days()) kept.pollFirstEntry();
    return null;
  }

  /** Keeps an alert change (a repeat is one); null, else why not. */
  public synchronized String putAlert(Alert a) {
    if (a.alertId() == null || a.state() == null || a.alertType() == null) return "alertId, state or alertType missing";
    if (a.cityId() == null || !cities.contains(a.cityId())) return "unknown cityId";
    LocalDate day = dayOf(a.eventTime());
    if (alertsDroppedThrough != null && !day.isAfter(alertsDroppedThrough)) return null;
    // Shared instances: every change of a city names the registry's id, not a string of its own.
    Occupation occupation = a.occupationCode() == null ? null : taxonomy.occupation(a.occupationCode());
    String code = occupation != null ? occupation.code() : a.occupationCode();
    if (alerts.computeIfAbsent(day, d -> new LinkedHashSet<>())
        .add(AlertChange.of(a, cities.get(a.cityId()).id(), code))) {
      alertCount++;
    }
    while (alertCount > cfg.alertChanges() && !alerts.isEmpty()) {
      Map.Entry<LocalDate, Set<AlertChange>> oldest = alerts.pollFirstEntry();
      alertCount -= oldest.getValue().size();
      alertsDroppedThrough = oldest.getKey();
    }
    return null;
  }

  /** The kept days of {@code cityId} (or {@code national}) from {@code from} to {@code to}, oldest first. */
  public synchronized List<DayFigures> days(String cityId, LocalDate from, LocalDate to) {
    TreeMap<LocalDate, DayFigures> kept = days.get(cityId);
    return kept == null ? List.of() : List.copyOf(kept.subMap(from, true, to, true).values());
  }

  /** The days of every pilot city in the range, per city id; cities without any are left out. */
  public synchronized Map<String, List<DayFigures>> allCities(LocalDate from, LocalDate to) {
    Map<String, List<DayFigures>> out = new TreeMap<>();
    days.forEach((city, kept) -> {
      if (city.equals(CityStats.NATIONAL)) return;
      NavigableMap<LocalDate, DayFigures> range = kept.subMap(from, true, to, true);
      if (!range.isEmpty()) out.put(city, List.copyOf(range.values()));
    });
    return out;
  }

  /**
   * The alert changes of the Shanghai days {@code from} to {@code to}, oldest first, of one city or
   * (null) all; {@code complete} is false when changes of a day in the range were dropped for the cap.
   */
  public synchronized AlertRange alerts(LocalDate from, LocalDate to, String cityId) {
    List<AlertChange> out = new ArrayList<>();
    for (Set<AlertChange> day : alerts.subMap(from, true, to, true).values()) {
      for (AlertChange c : day) {
        if (cityId == null || cityId.equals(c.cityId())) out.add(c);
      }
    }
    out.sort(Comparator.comparingLong(AlertChange::eventTime));
    return new AlertRange(out, alertsDroppedThrough == null || alertsDroppedThrough.isBefore(from));
  }

  /** Alert changes kept now (for tests and metrics). */
  public synchronized int alertChangesKept() {
    return alertCount;
  }

  /** Alert changes of a range, and whether the store still holds every one of them. */
  public record AlertRange(List<AlertChange> changes, boolean complete) {}

  static LocalDate dayOf(long epochMillis) {
    return ShanghaiCalendar.dateOf(epochMillis);
  }

  /** Parses {@code yyyy-MM-dd}; null if it is not one. */
  public static LocalDate parseDay(String s) {
    try {
      return s == null ? null : LocalDate.parse(s);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
