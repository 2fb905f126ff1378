package io.matchstream.bench.learn;

import io.matchstream.jobs.match.MatchSettings;
import io.matchstream.simulator.SimulatorConfig;
import java.time.Duration;
import java.util.List;

public final class Smoke {
  public static void main(String[] a) throws Exception {
    SimulatorConfig sim = SimulatorConfig.builder().cities(List.of(a[0].split(","))).duration(Duration.ofDays(Integer.parseInt(a[1]))).volumeScale(Double.parseDouble(a[2])).build();
    LoopRun r = LoopRun.run(sim, MatchSettings.defaults(), null);
    System.out.printf("%d events %d matches %d hired %.1f s offers %s placed %s dl %d%n", r.events, r.rows.size(), r.hired.size(), r.seconds, r.offers, r.placedPerDay, r.deadLetters);
    java.util.Map<Integer, Long> perDay = new java.util.TreeMap<>();
    for (var x : r.rows) perDay.merge(x.day(), 1L, Long::sum);
    System.out.println("matches/day " + perDay);
  }
}
