package io.matchstream.dashboards;

import io.matchstream.events.Alert;
import io.matchstream.events.AlertState;
import io.matchstream.events.AlertType;
import io.matchstream.events.CertificateLevel;
import io.matchstream.events.CityStats;
import io.matchstream.events.Ids;
import io.matchstream.events.LevelFit;
import io.matchstream.events.Match;
import io.matchstream.events.SalaryFit;
import io.matchstream.events.SchemaVersion;
import io.matchstream.events.ShanghaiCalendar;
import io.matchstream.events.ShortageRanking;
import io.matchstream.events.taxonomy.Occupation;
import io.matchstream.events.taxonomy.Taxonomy;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Contract events as the jobs write them, with round numbers a test can look for on the page. */
final class Fixtures {

  static final Taxonomy TAXONOMY = Taxonomy.loadDefault();
  static final Occupation WELDER = TAXONOMY.occupation("6-18-02-04");
  static final Occupation CNC_OPERATOR = TAXONOMY.occupation("6-18-01-07");

  private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis() % 1_000_000);
  // The gateway drops a city's figures older than the revision it holds: revisions that only grow,
  // across tests sharing a gateway, keep every test's figures the newest when they are written.
  private static final AtomicLong REVISION = new AtomicLong(System.currentTimeMillis());

  private Fixtures() {}

  static String today() {
    return LocalDate.now(ShanghaiCalendar.ZONE).toString();
  }

  /** A city's (or {@code national}) figures for today, newer than any before, with the headline numbers given. */
  static CityStats stats(String cityId, long matchesToday, long openVacancies, long availableCandidates) {
    long revision = REVISION.incrementAndGet();
    ZonedDateTime now = ZonedDateTime.now(ShanghaiCalendar.ZONE);
    LocalDate day = now.toLocalDate();
    List<Long> byHour = new ArrayList<>();
    for (int h = 0; h < 24; h++) byHour.add(h < now.getHour() ? matchesToday / Math.max(1, now.getHour()) : 0L);
    byHour.set(now.getHour(), matchesToday - byHour.stream().mapToLong(Long::longValue).sum());
    List<CityStats.DayCount> trend = new ArrayList<>();
    for (int d = 29; d >= 1; d--) trend.add(new CityStats.DayCount(day.minusDays(d).toString(), yesterdayFor(matchesToday) - d + 1));
    trend.add(new CityStats.DayCount(day.toString(), matchesToday));
    List<CityStats.OccupationFigure> occupations = List.of(
        new CityStats.OccupationFigure(WELDER.code(), 420, 150, 2.8),
        new CityStats.OccupationFigure(CNC_OPERATOR.code(), 310, 280, 310.0 / 280));
    return new CityStats(
        cityId,
        cityId + "/" + day + "/" + revision,
        now.toInstant().toEpochMilli(),
        SchemaVersion.CURRENT,
        day.toString(),
        revision,
        false,
        matchesToday,
        900,
        1100,
        350,
        openVacancies,
        availableCandidates,
        (double) openVacancies / availableCandidates,
        23.5,
        0.311,
        17,
        byHour,
        trend,
        occupations);
  }

  /**
   * The same figures with a funnel, as the stats job writes it: today's steps as given, the welders'
   * day funnel (310 matches, 6 hires; CNC operators without one), and 14 match-day cohorts of 3,000
   * matches each (today's: the day's matches) whose hires grow with age, {@code settledHires} for
   * the cohort a week old, none for today's.
   */
  static CityStats withFunnel(CityStats s, CityStats.Stages today, long ended, long peoplePlaced,
      Double medianHoursToHire, long settledHires) {
    LocalDate day = LocalDate.parse(s.day());
    List<CityStats.Cohort> cohorts = new ArrayList<>();
    for (int age = 13; age >= 0; age--) {
      long matches = age == 0 ? today.matches() : 3_000;
      long hires = age >= 7 ? settledHires + 2L * (age - 7) : settledHires * age / 8;
      cohorts.add(new CityStats.Cohort(day.minusDays(age).toString(), matches, matches / 3, matches / 8,
          hires + hires / 3, hires, matches == 0 ? null : (double) hires / matches));
    }
    Double share = peoplePlaced == 0 ? null : (double) today.hires() / peoplePlaced;
    List<CityStats.OccupationFigure> occupations = List.of(
        new CityStats.OccupationFigure(WELDER.code(), 420, 150, 2.8, new CityStats.Stages(310, 95, 40, 12, 6)),
        new CityStats.OccupationFigure(CNC_OPERATOR.code(), 310, 280, 310.0 / 280));
    return new CityStats(s.cityId(), s.eventId(), s.eventTime(), s.schemaVersion(), s.day(), s.revision(), s.isFinal(),
        s.matchesToday(), s.newVacancies(), s.newCandidates(), s.placements(), s.openVacancies(),
        s.availableCandidates(), s.vacancyToJobseekerRatio(), s.medianDaysToFill(), s.dispatchShare(),
        s.technicalUnfilledPastThreshold(), s.matchesByHour(), s.trend(), occupations,
        new CityStats.Funnel(today, ended, peoplePlaced, share, medianHoursToHire, cohorts));
  }

  /** The figure the fixture's trend holds for yesterday, so a test can look for it. */
  static long yesterdayFor(long matchesToday) {
    return matchesToday - 111;
  }

  /** A fresh welder match in a city, with reasons; ids unique per call. */
  static Match aWelderMatch(String cityId) {
    long n = SERIAL.incrementAndGet();
    String vacancyId = "vac-" + Long.toString(n, 36) + "wld" + cityId.substring(0, 3);
    String candidateId = "cand-" + Long.toString(n, 36) + "x" + cityId.substring(0, 3);
    String matchId = Ids.matchId(vacancyId, candidateId);
    long now = System.currentTimeMillis();
    List<String> skills = WELDER.essentialSkillIds();
    return new Match(
        matchId,
        matchId,
        now,
        SchemaVersion.CURRENT,
        vacancyId,
        candidateId,
        cityId,
        WELDER.code(),
        "emp-" + cityId.substring(0, 4),
        0.87,
        0.8,
        1.0,
        0.9,
        1.0,
        1.0,
        skills.subList(0, 3),
        skills.subList(3, 4),
        SalaryFit.WITHIN,
        LevelFit.MEETS,
        now - 3_600_000,
        now);
  }

  /** A technical post open past 30 days, firing. */
  static Alert anUnfilledTechnicalPost(String cityId, int daysOpen) {
    long n = SERIAL.incrementAndGet();
    String vacancyId = "vac-" + Long.toString(n, 36) + "cnc" + cityId.substring(0, 3);
    String alertId = Ids.alertId(vacancyId, AlertType.UNFILLED_TECHNICAL_POST);
    long now = System.currentTimeMillis();
    return new Alert(
        alertId,
        Ids.alertEventId(alertId, AlertState.FIRING, now),
        now,
        SchemaVersion.CURRENT,
        AlertType.UNFILLED_TECHNICAL_POST,
        AlertState.FIRING,
        cityId,
        CNC_OPERATOR.code(),
        vacancyId,
        "emp-" + cityId.substring(0, 4),
        now - daysOpen * 86_400_000L,
        daysOpen,
        null,
        8000,
        11000,
        CertificateLevel.LEVEL_3,
        "多工序数控机床操作调整工岗位已开放" + daysOpen + "天未招满");
  }

  /**
   * Today's live shortage ranking of a city (or {@code national}), newer than any before: welders
   * first (up 2 since yesterday), CNC operators second (new since yesterday), then other occupations
   * of the taxonomy with shrinking gaps, {@code size} entries in all.
   */
  static ShortageRanking ranking(String key, int size) {
    long revision = REVISION.incrementAndGet();
    LocalDate day = LocalDate.now(ShanghaiCalendar.ZONE);
    boolean national = ShortageRanking.NATIONAL.equals(key);
    List<String> codes = new ArrayList<>(List.of(WELDER.code(), CNC_OPERATOR.code()));
    for (Occupation o : TAXONOMY.occupations().stream().sorted(java.util.Comparator.comparing(Occupation::code)).toList()) {
      if (codes.size() >= size) break;
      if (!codes.contains(o.code())) codes.add(o.code());
    }
    List<ShortageRanking.Entry> entries = new ArrayList<>();
    for (int i = 0; i < codes.size(); i++) {
      long gap = 2_700 - 25L * i;
      int cities = national ? Math.max(1, 12 - i / 3) : 1;
      Integer yesterday = i == 1 ? null : Integer.valueOf(i == 0 ? 3 : i == 2 ? 1 : i + 1);
      Integer lastWeek = i == 1 ? null : Integer.valueOf(i == 0 ? 1 : i);
      entries.add(new ShortageRanking.Entry(i + 1, codes.get(i), gap + 1_000, 1_000, gap, (gap + 1_000) / 1_000.0,
          cities, gap * cities, national ? List.of("suzhou", "ningbo", "tangshan") : null, yesterday, lastWeek));
    }
    return new ShortageRanking(key, key + "/" + day + "/" + revision, System.currentTimeMillis(), SchemaVersion.CURRENT,
        day.toString(), revision, false, national ? 39 : 1, day.minusDays(1).toString(), day.minusDays(7).toString(),
        entries);
  }
}
