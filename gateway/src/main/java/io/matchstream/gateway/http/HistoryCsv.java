package io.matchstream.gateway.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.matchstream.events.CityStats;
import io.matchstream.events.cities.City;
import io.matchstream.events.cities.CityRegistry;
import io.matchstream.events.codec.IsoTime;
import io.matchstream.events.taxonomy.Occupation;
import io.matchstream.events.taxonomy.Taxonomy;
import io.matchstream.gateway.history.AlertChange;
import io.matchstream.gateway.history.DayFigures;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CSV exports of history (RFC 4180 via Jackson's CSV dataformat: a header line, CRLF line
 * ends, fields quoted when they hold a comma, quote or line break). UTF-8 with a byte order mark first, so spreadsheet
 * programs that otherwise guess a legacy code page (Excel on a Chinese Windows guesses GBK) read the
 * Chinese city and occupation names intact.
 */
final class HistoryCsv {
  /** U+FEFF, encoded in UTF-8 as EF BB BF. */
  static final String BOM = "\uFEFF";
  static final String CONTENT_TYPE = "text/csv; charset=utf-8";

  // Quote a field only when it needs it (by default long strings are quoted without looking).
  private static final CsvMapper MAPPER =
      CsvMapper.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();
  private static final List<String> DAY_COLUMNS = List.of("day", "cityId", "cityNameZh", "cityNameEn",
      "matches", "newVacancies", "newCandidates", "placements", "openVacancies", "availableCandidates",
      "vacancyToJobseekerRatio", "medianDaysToFill", "dispatchShare", "technicalUnfilledPastThreshold",
      "contacted", "interviews", "offers", "hires", "matchShareOfPlacements", "medianHoursToHire");
  private static final List<String> ALERT_COLUMNS = List.of("eventTime", "state", "alertType", "cityId",
      "cityNameZh", "cityNameEn", "occupationCode", "occupationNameZh", "occupationNameEn", "vacancyId",
      "openedTime", "daysOpen", "ratio", "alertId", "eventId");

  private final CityRegistry cities;
  private final Taxonomy taxonomy;

  HistoryCsv(CityRegistry cities, Taxonomy taxonomy) {
    this.cities = cities;
    this.taxonomy = taxonomy;
  }

  /** Days of several cities (or the nation), in the order given. */
  String days(Map<String, List<DayFigures>> byCity) {
    List<Map<String, Object>> rows = new ArrayList<>();
    byCity.forEach((cityId, days) -> {
      for (DayFigures d : days) rows.add(dayRow(cityId, d));
    });
    return write(DAY_COLUMNS, rows);
  }

  String alerts(List<AlertChange> changes) {
    List<Map<String, Object>> rows = new ArrayList<>(changes.size());
    for (AlertChange c : changes) rows.add(alertRow(c));
    return write(ALERT_COLUMNS, rows);
  }

  private Map<String, Object> dayRow(String cityId, DayFigures d) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("day", d.day());
    row.put("cityId", cityId);
    City city = cities.contains(cityId) ? cities.get(cityId) : null;
    boolean national = cityId.equals(CityStats.NATIONAL);
    row.put("cityNameZh", national ? "全国" : city == null ? null : city.nameZh());
    row.put("cityNameEn", national ? "National" : city == null ? null : city.nameEn());
    row.put("matches", d.matches());
    row.put("newVacancies", d.newVacancies());
    row.put("newCandidates", d.newCandidates());
    row.put("placements", d.placements());
    row.put("openVacancies", d.openVacancies());
    row.put("availableCandidates", d.availableCandidates());
    row.put("vacancyToJobseekerRatio", d.vacancyToJobseekerRatio());
    row.put("medianDaysToFill", d.medianDaysToFill());
    row.put("dispatchShare", d.dispatchShare());
    row.put("technicalUnfilledPastThreshold", d.technicalUnfilledPastThreshold());
    row.put("contacted", d.contacted());
    row.put("interviews", d.interviews());
    row.put("offers", d.offers());
    row.put("hires", d.hires());
    row.put("matchShareOfPlacements", d.matchShareOfPlacements());
    row.put("medianHoursToHire", d.medianHoursToHire());
    return row;
  }

  private Map<String, Object> alertRow(AlertChange c) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("eventTime", IsoTime.format(c.eventTime()));
    row.put("state", c.state().name());
    row.put("alertType", c.alertType().name());
    row.put("cityId", c.cityId());
    City city = cities.contains(c.cityId()) ? cities.get(c.cityId()) : null;
    row.put("cityNameZh", city == null ? null : city.nameZh());
    row.put("cityNameEn", city == null ? null : city.nameEn());
    row.put("occupationCode", c.occupationCode());
    Occupation o = c.occupationCode() == null ? null : taxonomy.occupation(c.occupationCode());
    row.put("occupationNameZh", o == null ? null : o.nameZh());
    row.put("occupationNameEn", o == null ? null : o.nameEn());
    row.put("vacancyId", c.vacancyId());
    row.put("openedTime", c.openedTime() == 0 ? null : IsoTime.format(c.openedTime()));
    row.put("daysOpen", c.daysOpen());
    row.put("ratio", c.ratio());
    row.put("alertId", c.alertId());
    row.put("eventId", c.eventId());
    return row;
  }

  /** The header is written as a first row, so an empty range still names its columns. */
  private static String write(List<String> columns, List<Map<String, Object>> rows) {
    CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(false).setLineSeparator("\r\n");
    columns.forEach(schema::addColumn);
    Map<String, Object> header = new LinkedHashMap<>();
    columns.forEach(c -> header.put(c, c));
    List<Map<String, Object>> all = new ArrayList<>(rows.size() + 1);
    all.add(header);
    all.addAll(rows);
    try {
      return BOM + MAPPER.writer(schema.build()).writeValueAsString(all);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
