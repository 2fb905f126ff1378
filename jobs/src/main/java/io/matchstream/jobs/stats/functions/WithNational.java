package io.matchstream.jobs.stats.functions;

import io.matchstream.events.CityStats;
import io.matchstream.jobs.stats.records.CityDelta;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/** Counts every change twice: for its city and for the nation ({@code national}). */
public class WithNational implements FlatMapFunction<CityDelta, CityDelta> {
  @Override
  public void flatMap(CityDelta d, Collector<CityDelta> out) {
    out.collect(d);
    out.collect(d.copyFor(CityStats.NATIONAL));
  }
}
