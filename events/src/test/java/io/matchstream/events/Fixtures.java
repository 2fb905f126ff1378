package io.matchstream.events;

import io.matchstream.events.codec.IsoTime;
import java.util.List;

/** Named instants and ready-made events for the contract's tests. */
public final class Fixtures {
  /** Monday 2 March 2026, 09:15 in Ningbo. */
  public static final long MONDAY_MORNING = IsoTime.parse("2026-03-02T09:15:00+08:00");
  /** The Friday before, when the post was opened. */
  public static final long POSTED = IsoTime.parse("2026-02-27T14:00:00+08:00");

  public static final String WELDER = "6-18-02-04";
  public static final String CUTTING_TECHNOLOGIES = "sk-9a0c82fbd6";

  private Fixtures() {}

  public static VacancyEvent aWelderVacancy() {
    return new VacancyEvent(
        "ev-v-1", MONDAY_MORNING, SchemaVersion.CURRENT, VacancyEventType.OPENED,
        "vac-ningbo000001", "ningbo", WELDER, "emp-geely01", POSTED,
        List.of(CUTTING_TECHNOLOGIES), List.of(), CertificateLevel.LEVEL_4, Education.VOCATIONAL_SECONDARY,
        7000, 9500, EmploymentType.DISPATCH, ShiftPattern.TWO_SHIFTS, 3, true, null);
  }

  public static CandidateEvent aWelderCandidate() {
    return new CandidateEvent(
        "ev-c-1", MONDAY_MORNING, SchemaVersion.CURRENT, CandidateEventType.REGISTERED,
        "cand-ningbo000001", "ningbo", List.of("hangzhou"), List.of(WELDER), List.of(CUTTING_TECHNOLOGIES),
        CertificateLevel.LEVEL_3, Education.VOCATIONAL_SECONDARY, 8000,
        List.of(EmploymentType.DIRECT, EmploymentType.DISPATCH), MONDAY_MORNING, MONDAY_MORNING - 3_600_000L,
        null);
  }

  public static Match aMatch() {
    return new Match(
        Ids.matchId("vac-ningbo000001", "cand-ningbo000001"),
        Ids.matchId("vac-ningbo000001", "cand-ningbo000001"),
        MONDAY_MORNING, SchemaVersion.CURRENT, "vac-ningbo000001", "cand-ningbo000001", "ningbo",
        WELDER, "emp-geely01", 0.82, 0.9, 1.0, 0.75, 1.0, 1.0, List.of(CUTTING_TECHNOLOGIES), List.of(),
        SalaryFit.WITHIN, LevelFit.EXCEEDS, MONDAY_MORNING, MONDAY_MORNING, 3L);
  }

  /** Version 3 of the score's settings, effective from Monday noon. */
  public static ScoreSettings someScoreSettings() {
    return new ScoreSettings(3L, SchemaVersion.CURRENT, MONDAY_MORNING + 3 * 3_600_000L - 15 * 60_000L, 0.95, 3,
        0.5, 0.15, 0.15, 0.1, 0.1, 0.6, 0.15);
  }

  public static CityStats someCityStats() {
    return new CityStats(
        "ningbo", "ningbo/2026-03-02/17", MONDAY_MORNING, SchemaVersion.CURRENT, "2026-03-02", 17, false,
        1234, 300, 280, 150, 4100, 3150, 1.3015873015873016, 12.5, 0.311, 42,
        List.of(0L, 0L, 0L, 0L, 0L, 0L, 10L, 50L, 120L, 130L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L),
        List.of(new CityStats.DayCount("2026-03-01", 2950), new CityStats.DayCount("2026-03-02", 1234)),
        List.of(new CityStats.OccupationFigure(WELDER, 120, 48, 2.5)));
  }

  /**
   * Ningbo's live figures with the funnel: 1,234 matches today, 12 hires through matches of 150 people
   * placed, and two match days' cohorts.
   */
  public static CityStats someCityStatsWithFunnel() {
    CityStats s = someCityStats();
    return new CityStats(s.cityId(), s.eventId(), s.eventTime(), s.schemaVersion(), s.day(), s.revision(),
        s.isFinal(), s.matchesToday(), s.newVacancies(), s.newCandidates(), s.placements(), s.openVacancies(),
        s.availableCandidates(), s.vacancyToJobseekerRatio(), s.medianDaysToFill(), s.dispatchShare(),
        s.technicalUnfilledPastThreshold(), s.matchesByHour(), s.trend(),
        List.of(new CityStats.OccupationFigure(WELDER, 120, 48, 2.5, new CityStats.Stages(310, 95, 40, 12, 3)),
            new CityStats.OccupationFigure("6-18-01-01", 0, 0, null, new CityStats.Stages(2, 1, 0, 0, 0))),
        new CityStats.Funnel(new CityStats.Stages(1234, 410, 160, 45, 12), 230, 150, 0.08, 52.5,
            List.of(new CityStats.Cohort("2026-03-01", 2950, 1800, 700, 260, 190, 190 / 2950.0),
                new CityStats.Cohort("2026-03-02", 1234, 120, 10, 0, 0, 0.0))));
  }

  /** Ningbo's live ranking: welders first (third yesterday), lathe operators new. */
  public static ShortageRanking aNingboRanking() {
    return new ShortageRanking(
        "ningbo", "ningbo/2026-03-02/51", MONDAY_MORNING, SchemaVersion.CURRENT, "2026-03-02", 51, false, 1,
        "2026-03-01", null,
        List.of(new ShortageRanking.Entry(1, WELDER, 120, 48, 72, 2.5, 1, 72, null, 3, null),
            new ShortageRanking.Entry(2, "6-18-01-01", 40, 0, 40, null, 1, 40, null, null, null)));
  }

  public static Alert aFiringAlert() {
    String id = Ids.alertId("vac-ningbo000001", AlertType.UNFILLED_TECHNICAL_POST);
    return new Alert(
        id, Ids.alertEventId(id, AlertState.FIRING, MONDAY_MORNING), MONDAY_MORNING, SchemaVersion.CURRENT,
        AlertType.UNFILLED_TECHNICAL_POST, AlertState.FIRING, "ningbo", WELDER, "vac-ningbo000001",
        "emp-geely01", POSTED, 31, null, 7000, 9500, CertificateLevel.LEVEL_4,
        "宁波 焊工 岗位已空缺 31 天");
  }

  /** The welder match's interview, arranged by the employer on Monday morning. */
  public static MatchOutcome anInterview() {
    String matchId = Ids.matchId("vac-ningbo000001", "cand-ningbo000001");
    return new MatchOutcome(
        Ids.outcomeId(matchId, OutcomeStage.INTERVIEW), matchId, MONDAY_MORNING, SchemaVersion.CURRENT, "ningbo",
        OutcomeStage.INTERVIEW, OutcomeActor.EMPLOYER, OutcomeReason.ADVANCED);
  }

  public static DeadLetter aDeadLetter() {
    return new DeadLetter(
        DeadLetter.idOf("vacancies", 2, 4711), MONDAY_MORNING, SchemaVersion.CURRENT, "vacancies", 2, 4711,
        "unknown city 'atlantis' in 'cityId'", "match", "{\"cityId\":\"atlantis\"}", java.util.List.of("name"), null,
        40);
  }
}
