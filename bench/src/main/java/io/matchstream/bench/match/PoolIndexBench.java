package io.matchstream.bench.match;

import io.matchstream.events.CandidateEvent;
import io.matchstream.events.CandidateEventType;
import io.matchstream.events.CertificateLevel;
import io.matchstream.events.Education;
import io.matchstream.events.EmploymentType;
import io.matchstream.events.SchemaVersion;
import io.matchstream.events.ShiftPattern;
import io.matchstream.events.VacancyEvent;
import io.matchstream.events.VacancyEventType;
import io.matchstream.events.taxonomy.Occupation;
import io.matchstream.events.taxonomy.Taxonomy;
import io.matchstream.jobs.match.CandidateProfile;
import io.matchstream.jobs.match.MatchScorer;
import io.matchstream.jobs.match.MatchSettings;
import io.matchstream.jobs.match.PoolIndex;
import io.matchstream.jobs.match.Pools;
import io.matchstream.jobs.match.VacancyProfile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Cost of one vacancy arrival against a candidate pool of 10k, 100k and 1M open entries in one
 * key (the worst case: one city × family holding the whole pool), the indexed search beside
 * exhaustive scoring of the same pool in the same run. Prints a table.
 *
 * <p>Profiles are drawn like the simulator's: skills from one occupation of the family, each kept
 * with probability 0.7 for candidates and 0.8 for a post's essential skills.
 */
public final class PoolIndexBench {
  private static final Taxonomy TAXONOMY = Taxonomy.loadDefault();
  private static final List<Occupation> FAMILY = TAXONOMY.families().get("6-18-01");

  public static void main(String[] args) {
    int[] sizes = args.length > 0 ? Arrays.stream(args).mapToInt(Integer::parseInt).toArray()
        : new int[] {10_000, 100_000, 1_000_000};
    MatchScorer scorer = new MatchScorer(MatchSettings.defaults(), TAXONOMY);
    System.out.printf("%-10s %-11s %9s %11s %11s %12s %9s%n",
        "pool", "path", "arrivals", "p50 (us)", "p99 (us)", "arrivals/s", "scored");
    double indexed10k = 0;
    for (int size : sizes) {
      Random rnd = new Random(size);
      Pools pools = new Pools();
      for (int i = 0; i < size; i++) {
        pools.candidates.put(scorer.candidate(candidate(rnd, i)));
      }
      List<VacancyProfile> queries = new ArrayList<>();
      for (int i = 0; i < 2000; i++) {
        queries.add(scorer.vacancy(vacancy(rnd, i)));
      }
      double[] ix = measure(scorer, pools, queries, false, Math.max(20, Math.min(2000, 20_000_000 / size)));
      double[] ex = measure(scorer, pools, queries, true, Math.max(20, 2_000_000 / size));
      if (indexed10k == 0) {
        indexed10k = ix[0];
      }
      System.out.printf("%-10d %-11s %9d %11.1f %11.1f %12.0f %9.0f   groups=%d%n",
          size, "indexed", (int) ix[4], ix[1], ix[2], ix[3], ix[5], pools.candidates.groupCount());
      System.out.printf("%-10d %-11s %9d %11.1f %11.1f %12.0f %9.0f%n",
          size, "exhaustive", (int) ex[4], ex[1], ex[2], ex[3], ex[5]);
      System.out.printf("%-10d ratios: exhaustive/indexed mean cost %.1fx; indexed vs smallest pool %.2fx%n",
          size, ex[0] / ix[0], ix[0] / indexed10k);
    }
  }

  /** mean ns, p50 us, p99 us, arrivals/s, n, mean entries scored per arrival. */
  private static double[] measure(MatchScorer scorer, Pools pools, List<VacancyProfile> queries,
      boolean exhaustive, int n) {
    // Warm-up: let the JIT compile the path measured.
    for (int i = 0; i < Math.min(n, 200); i++) {
      Pools.bestCandidates(scorer, pools.candidates, queries.get(i % queries.size()), "ningbo", Set.of(), exhaustive);
    }
    long[] t = new long[n];
    long scoredBefore = pools.candidates.scoredEntries();
    long sink = 0;
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      long s = System.nanoTime();
      List<PoolIndex.Hit<CandidateProfile>> hits =
          Pools.bestCandidates(scorer, pools.candidates, queries.get(i % queries.size()), "ningbo", Set.of(), exhaustive);
      t[i] = System.nanoTime() - s;
      sink += hits.size();
    }
    long total = System.nanoTime() - start;
    if (sink < 0) {
      System.out.println(sink);
    }
    long scored = pools.candidates.scoredEntries() - scoredBefore;
    Arrays.sort(t);
    return new double[] {total / (double) n, t[n / 2] / 1e3, t[(int) (n * 0.99)] / 1e3, n / (total / 1e9), n,
        scored / (double) n};
  }

  private static List<String> some(Random rnd, List<String> all, double p) {
    List<String> out = new ArrayList<>();
    for (String s : all) {
      if (rnd.nextDouble() < p) {
        out.add(s);
      }
    }
    if (out.isEmpty()) {
      out.add(all.get(0));
    }
    return out;
  }

  private static CandidateEvent candidate(Random rnd, int i) {
    Occupation o = FAMILY.get(rnd.nextInt(FAMILY.size()));
    return new CandidateEvent("e" + i, 1_740_000_000_000L, SchemaVersion.CURRENT, CandidateEventType.REGISTERED,
        String.format("cand-%08d", i), rnd.nextBoolean() ? "ningbo" : "hangzhou", List.of(), List.of(o.code()),
        some(rnd, o.skills().stream().map(s -> s.skillId()).toList(), 0.7),
        CertificateLevel.values()[rnd.nextInt(6)], Education.SENIOR_SECONDARY, 5000 + 500 * rnd.nextInt(10),
        rnd.nextBoolean() ? List.of(EmploymentType.DIRECT) : List.of(EmploymentType.DIRECT, EmploymentType.DISPATCH),
        1_740_000_000_000L, 1_740_000_000_000L, null);
  }

  private static VacancyEvent vacancy(Random rnd, int i) {
    Occupation o = FAMILY.get(rnd.nextInt(FAMILY.size()));
    int min = 5000 + 500 * rnd.nextInt(6);
    return new VacancyEvent("v" + i, 1_740_000_000_000L, SchemaVersion.CURRENT, VacancyEventType.OPENED,
        String.format("vac-%08d", i), "ningbo", o.code(), "emp-0001", 1_740_000_000_000L,
        some(rnd, o.essentialSkillIds(), 0.8), some(rnd, o.optionalSkillIds().isEmpty() ? o.essentialSkillIds() : o.optionalSkillIds(), 0.3),
        CertificateLevel.values()[rnd.nextInt(4)], Education.JUNIOR_SECONDARY, min, min + 500 * (1 + rnd.nextInt(6)),
        EmploymentType.values()[rnd.nextInt(3)], ShiftPattern.DAY, 1, true, null);
  }
}
