package io.matchstream.jobs.stats.records;

/**
 * One change to one city's figures at one event time: the only input of {@code
 * CityStatsFunction}. Lifecycle functions turn vacancy, candidate, match and alert events into
 * these, so the figures are sums of deltas and do not depend on arrival order.
 *
 * <p>A Flink POJO (public fields, no-arg constructor): no Kryo.
 */
public class CityDelta {
  /** City id, or {@code national}. */
  public String cityId;
  /** Event time of the change, epoch milliseconds. */
  public long time;
  public DeltaKind kind;
  /** +1 or -1 for gauges; 1 for counts. */
  public int count;
  /** CSCO code, for OPEN_VACANCY and SEEKING; null otherwise. */
  public String occupationCode;
  /** Whether the vacancy is dispatch work, for OPEN_VACANCY. */
  public boolean dispatch;
  /** Posting to filling, milliseconds, for PLACEMENT. */
  public long fillMillis;
  /** The smart match's id, for MATCH: repeats of one id count once. */
  public String matchId;
  /** For REACHED: the progress stage reached, as {@code OutcomeStage.rank()} (1 CONTACTED … 4 HIRED). */
  public int stage;
  /** For REACHED: the Shanghai day the match was made (its cohort), epoch-day number. */
  public long cohortDay;
  /** For REACHED of HIRED: match to hire, milliseconds. */
  public long sinceMatchMillis;

  public CityDelta() {}

  public static CityDelta of(String cityId, long time, DeltaKind kind, int count) {
    CityDelta d = new CityDelta();
    d.cityId = cityId;
    d.time = time;
    d.kind = kind;
    d.count = count;
    return d;
  }

  public CityDelta withOccupation(String code) {
    occupationCode = code;
    return this;
  }

  public CityDelta withDispatch(boolean isDispatch) {
    dispatch = isDispatch;
    return this;
  }

  public CityDelta withMatchId(String id) {
    matchId = id;
    return this;
  }

  public CityDelta withFillMillis(long millis) {
    fillMillis = millis;
    return this;
  }

  /** A match reached a progress stage ({@code rank}) for the first time, at {@code time}. */
  public static CityDelta reached(String cityId, long time, String occupationCode, int rank, long cohortDay,
      long sinceMatchMillis) {
    CityDelta d = of(cityId, time, DeltaKind.REACHED, 1).withOccupation(occupationCode);
    d.stage = rank;
    d.cohortDay = cohortDay;
    d.sinceMatchMillis = sinceMatchMillis;
    return d;
  }

  /** The same change, counted for another key (the nation). */
  public CityDelta copyFor(String otherCityId) {
    CityDelta d = of(otherCityId, time, kind, count);
    d.occupationCode = occupationCode;
    d.dispatch = dispatch;
    d.fillMillis = fillMillis;
    d.matchId = matchId;
    d.stage = stage;
    d.cohortDay = cohortDay;
    d.sinceMatchMillis = sinceMatchMillis;
    return d;
  }

  @Override
  public String toString() {
    return "CityDelta[" + cityId + " " + kind + " " + count + " @" + time
        + (occupationCode == null ? "" : " " + occupationCode) + "]";
  }
}
