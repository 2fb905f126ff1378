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

  /** The same change, counted for another key (the nation). */
  public CityDelta copyFor(String otherCityId) {
    CityDelta d = of(otherCityId, time, kind, count);
    d.occupationCode = occupationCode;
    d.dispatch = dispatch;
    d.fillMillis = fillMillis;
    d.matchId = matchId;
    return d;
  }

  @Override
  public String toString() {
    return "CityDelta[" + cityId + " " + kind + " " + count + " @" + time
        + (occupationCode == null ? "" : " " + occupationCode) + "]";
  }
}
