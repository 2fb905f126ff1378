package io.matchstream.jobs.match;

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
      VacancyProfile v = scorer.vacancy(randomVacancy(rnd, size + q));
      Set<String> excluded = Set.of(String.format("cand-%08d", rnd.nextInt(size)));
      var indexed = Pools.bestCandidates(scorer, pools.candidates, v, "ningbo", excluded, false);
      var exhaustive = Pools.bestCandidates(scorer, pools.candidates, v, "ningbo", excluded, true);
      assertThat(ids(indexed)).isEqualTo(ids(exhaustive));
      assertThat(indexed).extracting(PoolIndex.Hit::score).isEqualTo(exhaustive.stream().map(PoolIndex.Hit::score).toList());

      CandidateProfile c = scorer.candidate(randomCandidate(rnd, size + q));
      String city = rnd.nextBoolean() ? "ningbo" : "hangzhou";
      var indexedV = Pools.bestVacancies(scorer, pools.vacancies, c, city, Set.of(), false);
      var exhaustiveV = Pools.bestVacancies(scorer, pools.vacancies, c, city, Set.of(), true);
      assertThat(ids(indexedV)).isEqualTo(ids(exhaustiveV));
      nonEmpty += indexed.isEmpty() ? 0 : 1;
    }
    if (threshold <= 0.7) {
      assertThat(nonEmpty).as("the comparison must involve real results").isPositive();
    }
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
    return new CandidateEvent(base.eventId(), base.eventTime(), base.schemaVersion(), base.type(),
        base.candidateId(), rnd.nextBoolean() ? "ningbo" : "hangzhou", List.of(), List.of(o.code()),
        base.skills(), base.certificateLevel(), base.education(), base.expectedSalary(), types,
        base.availableFrom(), base.registeredTime(), null);
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
