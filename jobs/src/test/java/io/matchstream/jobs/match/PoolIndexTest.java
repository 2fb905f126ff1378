package io.matchstream.jobs.match;

import io.matchstream.testkit.fixtures.Candidates;
import static org.assertj.core.api.Assertions.assertThat;

import io.matchstream.events.CandidateEvent;
import io.matchstream.events.CandidateEventType;
import io.matchstream.events.CertificateLevel;
import io.matchstream.events.EmploymentType;
import io.matchstream.events.VacancyEvent;
import io.matchstream.events.VacancyEventType;
import io.matchstream.events.taxonomy.Occupation;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PoolIndexTest {
  private static final List<Occupation> FAMILY = Fixtures.TAXONOMY.families().get("6-18-01");

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
  void indexReturnsExactlyTheExhaustiveTopKForRandomPools(long seed) {
    Random rnd = new Random(seed);
    // Vary the knobs the bound logic depends on: threshold (incl. below the zero-skill bound), k.
    double threshold = new double[] {0.0, 0.3, 0.6, 0.7, 0.8, 0.9}[rnd.nextInt(6)];
    int k = 1 + rnd.nextInt(6);
    MatchScorer scorer = new MatchScorer(MatchSettings.defaults().withThreshold(threshold).withTopK(k),
        Fixtures.TAXONOMY);
    Pools pools = new Pools(scorer);
    int size = 2000 + rnd.nextInt(3000);
    for (int i = 0; i < size; i++) {
      pools.candidates.put(scorer.candidate(randomCandidate(rnd, i)));
      pools.vacancies.put(scorer.vacancy(randomVacancy(rnd, i)));
    }
    // Removals leave holes in groups and postings that the search must not trip over.
    for (int i = 0; i < size / 5; i++) {
      pools.candidates.remove(String.format("cand-%08d", rnd.nextInt(size)));
      pools.vacancies.remove(String.format("vac-%08d", rnd.nextInt(size)));
    }
    int nonEmpty = 0;
    for (int q = 0; q < 60; q++) {
      OpenVacancy v = scorer.vacancy(randomVacancy(rnd, size + q));
      String matchedBefore = String.format("cand-%08d", rnd.nextInt(size));
      Predicate<OpenCandidate> excluded = e -> e.id().equals(matchedBefore);
      var indexed = Pools.bestCandidates(scorer, pools.candidates, v, "ningbo", excluded, false);
      var exhaustive = Pools.bestCandidates(scorer, pools.candidates, v, "ningbo", excluded, true);
      assertThat(ids(indexed)).isEqualTo(ids(exhaustive));
      assertThat(indexed).extracting(PoolIndex.Hit::score).isEqualTo(exhaustive.stream().map(PoolIndex.Hit::score).toList());

      OpenCandidate c = scorer.candidate(randomCandidate(rnd, size + q));
      String city = rnd.nextBoolean() ? "ningbo" : "hangzhou";
      var indexedV = Pools.bestVacancies(scorer, pools.vacancies, c, city, e -> false, false);
      var exhaustiveV = Pools.bestVacancies(scorer, pools.vacancies, c, city, e -> false, true);
      assertThat(ids(indexedV)).isEqualTo(ids(exhaustiveV));
      nonEmpty += indexed.isEmpty() ? 0 : 1;
    }
    if (threshold <= 0.7) {
      assertThat(nonEmpty).as("the comparison must involve real results").isPositive();
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {101, 102, 103, 104, 105, 106, 107, 108})
  void boundsAndSummariesHoldThroughChurnOfInsertsRemovalsAndReinserts(long seed) {
    Random rnd = new Random(seed);
    MatchScorer scorer = new MatchScorer(MatchSettings.defaults().withThreshold(0.0), Fixtures.TAXONOMY);
    Pools pools = new Pools(scorer);
    int size = 1500;
    for (int round = 0; round < 4; round++) {
      // Each round: add fresh entries, replace some (same id, new profile), remove others.
      for (int i = 0; i < size; i++) {
        int id = rnd.nextInt(2 * size);
        pools.candidates.put(scorer.candidate(randomCandidate(rnd, id)));
        pools.vacancies.put(scorer.vacancy(randomVacancy(rnd, id)));
      }
      for (int i = 0; i < size / 2; i++) {
        pools.candidates.remove(String.format("cand-%08d", rnd.nextInt(2 * size)));
        pools.vacancies.remove(String.format("vac-%08d", rnd.nextInt(2 * size)));
      }
      for (int q = 0; q < 10; q++) {
        OpenVacancy v = scorer.vacancy(randomVacancy(rnd, 10 * size + q));
        OpenCandidate c = scorer.candidate(randomCandidate(rnd, 10 * size + q));
        String city = rnd.nextBoolean() ? "ningbo" : "hangzhou";
        assertThat(pools.candidates.boundViolation(Pools.candidateQuery(scorer, v, city, e -> false))).isNull();
        assertThat(pools.vacancies.boundViolation(Pools.vacancyQuery(scorer, c, city, e -> false))).isNull();
        assertSameAsExhaustive(scorer, pools, v, c, city);
      }
    }
  }

  @org.junit.jupiter.api.Test
  void equalScoresGoToTheSmallestIdsWhereverTheyLieInTheTrie() {
    MatchScorer scorer = new MatchScorer(MatchSettings.defaults().withTopK(3), Fixtures.TAXONOMY);
    Pools pools = new Pools(scorer);
    Random rnd = new Random(7);
    // Thousands of identical perfect welders, inserted in a shuffled order, among random others.
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      order.add(i);
    }
    java.util.Collections.shuffle(order, rnd);
    for (int i : order) {
      pools.candidates.put(scorer.candidate(i % 3 == 0 ? Fixtures.aWelder(String.format("cand-%08d", i), Fixtures.LUNCHTIME)
          : randomCandidate(rnd, i)));
    }
    OpenVacancy v = scorer.vacancy(Fixtures.aWelderVacancy("vac-1", Fixtures.LUNCHTIME));
    var hits = Pools.bestCandidates(scorer, pools.candidates, v, "ningbo", e -> false, false);
    assertThat(ids(hits)).containsExactly("cand-00000000", "cand-00000003", "cand-00000006");
    assertThat(hits).isEqualTo(Pools.bestCandidates(scorer, pools.candidates, v, "ningbo", e -> false, true));
    assertThat(hits.stream().map(PoolIndex.Hit::score).distinct()).as("a three-way tie").hasSize(1);
    long scoredBefore = pools.candidates.scoredEntries();
    // Already matched pairs are skipped: the next smallest ids take their place.
    var next = Pools.bestCandidates(scorer, pools.candidates, v, "ningbo",
        e -> Set.of("cand-00000000", "cand-00000006").contains(e.id()), false);
    assertThat(ids(next)).containsExactly("cand-00000003", "cand-00000009", "cand-00000012");
    assertThat(pools.candidates.scoredEntries() - scoredBefore).as("ties are settled without scoring the 1,000")
        .isLessThan(100);
  }

  @org.junit.jupiter.api.Test
  void equalScoresGoToTheTightestFitTheSpecialistAndTheOverQualifiedLast() {
    MatchScorer scorer = new MatchScorer(MatchSettings.defaults().withThreshold(0.5).withTopK(3), Fixtures.TAXONOMY);
    Pools pools = new Pools(scorer);
    String rareExtra = Fixtures.TAXONOMY.skills().stream().map(s -> s.id())
        .filter(s -> !Fixtures.WELDING.skills().stream().anyMatch(w -> w.skillId().equals(s))).findFirst().orElseThrow();
    List<String> withExtra = new ArrayList<>(Fixtures.WELDING.essentialSkillIds());
    withExtra.add(rareExtra);
    // Smallest id for the specialist, next for the over-qualified: the old rule (smallest id) would pick them.
    pools.candidates.put(scorer.candidate(Fixtures.candidate("cand-00000001", CandidateEventType.REGISTERED,
        Fixtures.LUNCHTIME, Fixtures.LUNCHTIME, withExtra, CertificateLevel.LEVEL_4, 8000, null)));
    pools.candidates.put(scorer.candidate(Fixtures.candidate("cand-00000002", CandidateEventType.REGISTERED,
        Fixtures.LUNCHTIME, Fixtures.LUNCHTIME, Fixtures.WELDING.essentialSkillIds(), CertificateLevel.LEVEL_3, 8000, null)));
    pools.candidates.put(scorer.candidate(Fixtures.aWelder("cand-00000003", Fixtures.LUNCHTIME)));
    OpenVacancy v = scorer.vacancy(Fixtures.aWelderVacancy("vac-1", Fixtures.LUNCHTIME));
    var hits = Pools.bestCandidates(scorer, pools.candidates, v, "ningbo", e -> false, false);
    assertThat(hits.stream().map(PoolIndex.Hit::score).distinct()).as("a three-way tie").hasSize(1);
    assertThat(ids(hits)).containsExactly("cand-00000003", "cand-00000002", "cand-00000001");
    assertThat(hits).isEqualTo(Pools.bestCandidates(scorer, pools.candidates, v, "ningbo", e -> false, true));

    // A candidate between two posts they fit equally well gets the better-paid one.
    pools.vacancies.put(scorer.vacancy(Fixtures.aWelderVacancy("vac-00000001", Fixtures.LUNCHTIME)));
    pools.vacancies.put(scorer.vacancy(Fixtures.vacancy("vac-00000002", VacancyEventType.OPENED, "ningbo",
        Fixtures.LUNCHTIME, Fixtures.LUNCHTIME, Fixtures.WELDING.essentialSkillIds(), Fixtures.WELDING.optionalSkillIds(),
        CertificateLevel.LEVEL_4, 6000, 9500, EmploymentType.DIRECT, null)));
    OpenCandidate c = scorer.candidate(Fixtures.aWelder("cand-9", Fixtures.LUNCHTIME));
    var posts = Pools.bestVacancies(scorer, pools.vacancies, c, "ningbo", e -> false, false);
    assertThat(posts.get(0).score()).isEqualTo(posts.get(1).score());
    assertThat(ids(posts)).containsExactly("vac-00000002", "vac-00000001");
    assertThat(posts).isEqualTo(Pools.bestVacancies(scorer, pools.vacancies, c, "ningbo", e -> false, true));
  }

  @org.junit.jupiter.api.Test
  void removedEntriesAreNeverReturnedAndReinsertedOnesAre() {
    MatchScorer scorer = new MatchScorer(MatchSettings.defaults().withTopK(2), Fixtures.TAXONOMY);
    Pools pools = new Pools(scorer);
    for (int i = 0; i < 50; i++) {
      pools.candidates.put(scorer.candidate(Fixtures.aWelder(String.format("cand-%08d", i), Fixtures.LUNCHTIME)));
    }
    OpenVacancy v = scorer.vacancy(Fixtures.aWelderVacancy("vac-1", Fixtures.LUNCHTIME));
    pools.candidates.remove("cand-00000000");
    pools.candidates.remove("cand-00000001");
    assertThat(ids(Pools.bestCandidates(scorer, pools.candidates, v, "ningbo", e -> false, false)))
        .containsExactly("cand-00000002", "cand-00000003");
    pools.candidates.put(scorer.candidate(Fixtures.aWelder("cand-00000001", Fixtures.LUNCHTIME)));
    assertThat(ids(Pools.bestCandidates(scorer, pools.candidates, v, "ningbo", e -> false, false)))
        .containsExactly("cand-00000001", "cand-00000002");
    for (int i = 1; i < 50; i++) {
      pools.candidates.remove(String.format("cand-%08d", i));
    }
    assertThat(pools.candidates.size()).isZero();
    assertThat(Pools.bestCandidates(scorer, pools.candidates, v, "ningbo", e -> false, false)).isEmpty();
    assertThat(pools.candidates.boundViolation(Pools.candidateQuery(scorer, v, "ningbo", e -> false))).isNull();
  }

  private static void assertSameAsExhaustive(MatchScorer scorer, Pools pools, OpenVacancy v, OpenCandidate c,
      String city) {
    var indexed = Pools.bestCandidates(scorer, pools.candidates, v, city, e -> false, false);
    var exhaustive = Pools.bestCandidates(scorer, pools.candidates, v, city, e -> false, true);
    assertThat(indexed).isEqualTo(exhaustive);
    var indexedV = Pools.bestVacancies(scorer, pools.vacancies, c, city, e -> false, false);
    var exhaustiveV = Pools.bestVacancies(scorer, pools.vacancies, c, city, e -> false, true);
    assertThat(indexedV).isEqualTo(exhaustiveV);
  }

  private static <E> List<String> ids(List<PoolIndex.Hit<E>> hits) {
    return hits.stream().map(PoolIndex.Hit::id).toList();
  }

  /** Skills drawn from one of the family's occupations, often whole (so profiles repeat and tie). */
  private static List<String> skillsOf(Random rnd, Occupation o, boolean essentialOnly) {
    List<String> all = essentialOnly ? o.essentialSkillIds() : o.skills().stream().map(s -> s.skillId()).toList();
    if (rnd.nextInt(3) == 0) {
      return all;
    }
    List<String> some = new ArrayList<>();
    for (String s : all) {
      if (rnd.nextDouble() < 0.75) {
        some.add(s);
      }
    }
    if (some.isEmpty()) {
      some.add(all.get(0));
    }
    return some;
  }

  static CandidateEvent randomCandidate(Random rnd, int i) {
    Occupation o = FAMILY.get(rnd.nextInt(FAMILY.size()));
    CandidateEvent base = Fixtures.candidate(String.format("cand-%08d", i), CandidateEventType.REGISTERED,
        Fixtures.LUNCHTIME, Fixtures.LUNCHTIME, skillsOf(rnd, o, false),
        CertificateLevel.values()[rnd.nextInt(6)], 5000 + 500 * rnd.nextInt(10), null);
    List<EmploymentType> types = rnd.nextBoolean() ? List.of(EmploymentType.DIRECT)
        : List.of(EmploymentType.DIRECT, EmploymentType.DISPATCH, EmploymentType.GIG);
    return Candidates.from(base).city(rnd.nextBoolean() ? "ningbo" : "hangzhou").accepts(List.of())
        .occupations(List.of(o.code())).employmentTypes(types).vacancy(null).build();
  }

  static VacancyEvent randomVacancy(Random rnd, int i) {
    Occupation o = FAMILY.get(rnd.nextInt(FAMILY.size()));
    int min = 5000 + 500 * rnd.nextInt(6);
    return Fixtures.vacancy(String.format("vac-%08d", i), VacancyEventType.OPENED, "ningbo",
        Fixtures.LUNCHTIME, Fixtures.LUNCHTIME, skillsOf(rnd, o, true),
        rnd.nextBoolean() ? o.optionalSkillIds() : List.of(), CertificateLevel.values()[rnd.nextInt(4)],
        min, min + 500 * rnd.nextInt(6), EmploymentType.values()[rnd.nextInt(3)], null);
  }
}
