package io.matchstream.events.codec;

import io.matchstream.events.SchemaVersion;
import io.matchstream.events.ShortageRanking;
import io.matchstream.events.cities.CityRegistry;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The meaning of a {@link ShortageRanking} a reader takes from {@code shortage-ranking}: a known
 * key, a real day, a bounded list ranked 1..n of distinct occupations with a positive gap. A
 * reader drops a record with a problem, so a bad writer cannot put a 10,000-entry list on a screen.
 */
public final class RankingValidator {
  private RankingValidator() {}

  /** Null when the ranking is sound, else what is wrong, naming the field. */
  public static String problem(ShortageRanking r, CityRegistry cities) {
    if (r.cityId() == null) return "missing field 'cityId'";
    boolean national = ShortageRanking.NATIONAL.equals(r.cityId());
    if (!national && !cities.contains(r.cityId())) return "unknown city '" + Reasons.clip(r.cityId()) + "'";
    if (!SchemaVersion.isSupported(r.schemaVersion())) return "unsupported schemaVersion " + r.schemaVersion();
    String day = dayProblem("day", r.day(), false);
    if (day != null) return day;
    String yesterday = dayProblem("yesterday", r.yesterday(), true);
    if (yesterday != null) return yesterday;
    String lastWeek = dayProblem("lastWeek", r.lastWeek(), true);
    if (lastWeek != null) return lastWeek;
    List<ShortageRanking.Entry> entries = r.entries();
    if (entries == null) return "missing field 'entries'";
    int limit = national ? ShortageRanking.NATIONAL_TOP : ShortageRanking.CITY_TOP;
    if (entries.size() > limit) return "field 'entries' holds " + entries.size() + " entries, limit " + limit;
    Set<String> codes = new HashSet<>();
    for (int i = 0; i < entries.size(); i++) {
      ShortageRanking.Entry e = entries.get(i);
      if (e == null) return "field 'entries' holds a null entry";
      if (e.rank() != i + 1) return "field 'entries': entry " + (i + 1) + " has rank " + e.rank();
      if (e.occupationCode() == null || !codes.add(e.occupationCode())) {
        return "field 'entries': entry " + (i + 1) + " has a missing or repeated occupationCode";
      }
      if (e.gap() <= 0 || e.openVacancies() < 0 || e.availableCandidates() < 0 || e.cities() < 1) {
        return "field 'entries': entry " + (i + 1) + " has a gap, count or cities out of range";
      }
      if (e.typicalCities() != null && e.typicalCities().size() > 3) {
        return "field 'entries': entry " + (i + 1) + " names more than 3 typical cities";
      }
    }
    return null;
  }

  private static String dayProblem(String field, String value, boolean optional) {
    if (value == null) return optional ? null : "missing field '" + field + "'";
    try {
      LocalDate.parse(value);
      return null;
    } catch (DateTimeParseException e) {
      return "field '" + field + "' is not a day (yyyy-MM-dd): " + Reasons.clip(value);
    }
  }
}
