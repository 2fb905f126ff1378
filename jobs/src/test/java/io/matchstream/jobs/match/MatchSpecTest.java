package io.matchstream.jobs.match;

import io.matchstream.testkit.fixtures.Candidates;
import io.matchstream.testkit.fixtures.Vacancies;
import static org.assertj.core.api.Assertions.assertThat;

import io.matchstream.events.CandidateEvent;
import io.matchstream.events.CertificateLevel;
import io.matchstream.events.EmploymentType;
import io.matchstream.events.LevelFit;
import io.matchstream.events.Match;
import io.matchstream.events.SalaryFit;
import io.matchstream.events.VacancyEvent;
import io.matchstream.events.cities.City;
import io.matchstream.events.cities.CityRegistry;
import io.matchstream.events.taxonomy.Occupation;
import io.matchstream.events.taxonomy.SkillRequirement;
import io.matchstream.events.taxonomy.Taxonomy;
import io.matchstream.simulator.ProfileGenerator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * docs/matching.md, "The specification", written out from the page alone (IDF, canonical skill
 * order, score, reasons and tie order) and compared with the job's own code on simulator-shaped
 * pairs, to the last bit. When this fails, the page or the code is wrong: fix one of them.
 */
class MatchSpecTest {
  private static final Taxonomy TAXONOMY = Taxonomy.loadDefault();
  private static final CityRegistry CITIES = CityRegistry.loadDefault();
  private static final MatchSettings SETTINGS = MatchSettings.defaults();
  private static final long LUNCHTIME = 1_772_425_800_000L;
  private static final int PAIRS = 10_000;

  private final Spec spec = new Spec(TAXONOMY, SETTINGS);
  private final MatchScorer scorer = new MatchScorer(SETTINGS, TAXONOMY);

  @Test
  void scoresComputedFromTheDocsEqualTheJobsToTheLastBit() {
    List<Object[]> pairs = pairs(11);
    int eligible = 0;
    for (Object[] p : pairs) {
      VacancyEvent v = (VacancyEvent) p[0];
      CandidateEvent c = (CandidateEvent) p[1];
      double expected = spec.score(v, c);
      double actual = scorer.score(scorer.vacancy(v), scorer.candidate(c), v.cityId());
      assertThat(Double.doubleToLongBits(actual)).as("score of %s × %s", v, c)
          .isEqualTo(Double.doubleToLongBits(expected));
      if (expected >= 0) {
        eligible++;
      }
    }
    assertThat(eligible).as("pairs compared that are eligible").isGreaterThan(PAIRS / 4);
  }

  @Test
  void reasonsComputedFromTheDocsEqualTheJobs() {
    for (Object[] p : pairs(12)) {
      VacancyEvent v = (VacancyEvent) p[0];
      CandidateEvent c = (CandidateEvent) p[1];
      double s = spec.score(v, c);
      if (s < 0) {
        continue;
      }
      Match m = scorer.match(scorer.vacancy(v), scorer.candidate(c), v.cityId(), s);
      assertThat(m.skillsMet()).isEqualTo(spec.skillsMet(v, c));
      assertThat(m.essentialSkillsMissing()).isEqualTo(spec.essentialMissing(v, c));
      assertThat(m.levelFit()).isEqualTo(spec.levelFit(v, c));
      assertThat(m.salaryFit()).isEqualTo(spec.salaryFit(v, c));
      assertThat(m.eventTime()).isEqualTo(Math.max(v.eventTime(), c.eventTime()));
    }
  }

  @Test
  void tieOrderComputedFromTheDocsEqualsTheJobs() {
    Pools pools = new Pools(scorer);
    Comparator<OpenCandidate> candidates = pools.candidates.tieOrder();
    Comparator<OpenVacancy> vacancies = pools.vacancies.tieOrder();
    List<Object[]> pairs = pairs(13);
    for (int i = 1; i < pairs.size(); i++) {
      CandidateEvent a = (CandidateEvent) pairs.get(i - 1)[1];
      CandidateEvent b = (CandidateEvent) pairs.get(i)[1];
      assertThat(Integer.signum(candidates.compare(scorer.candidate(a), scorer.candidate(b))))
          .as("%s vs %s", a, b).isEqualTo(Integer.signum(spec.compareCandidates(a, b)));
      // The same skills: the order key and the id decide.
      CandidateEvent sameSkills = withSkills(b, a.skills());
      assertThat(Integer.signum(candidates.compare(scorer.candidate(a), scorer.candidate(sameSkills))))
          .as("%s vs %s", a, sameSkills).isEqualTo(Integer.signum(spec.compareCandidates(a, sameSkills)));
      VacancyEvent x = (VacancyEvent) pairs.get(i - 1)[0];
      VacancyEvent y = (VacancyEvent) pairs.get(i)[0];
      assertThat(Integer.signum(vacancies.compare(scorer.vacancy(x), scorer.vacancy(y))))
          .as("%s vs %s", x, y).isEqualTo(Integer.signum(spec.compareVacancies(x, y)));
      VacancyEvent sameSkillsPost = withSkills(y, x.essentialSkills(), x.optionalSkills());
      assertThat(Integer.signum(vacancies.compare(scorer.vacancy(x), scorer.vacancy(sameSkillsPost))))
          .as("%s vs %s", x, sameSkillsPost).isEqualTo(Integer.signum(spec.compareVacancies(x, sameSkillsPost)));
    }
  }

  private static CandidateEvent withSkills(CandidateEvent c, List<String> skills) {
    return Candidates.from(c).skills(skills).build();
  }

  private static VacancyEvent withSkills(VacancyEvent v, List<String> essential, List<String> optional) {
    return Vacancies.from(v).essential(essential).optional(optional).build();
  }

  /** A post and a candidate of one family, the candidate at home or in an accepted city. */
  private static List<Object[]> pairs(long seed) {
    ProfileGenerator gen = new ProfileGenerator(TAXONOMY, seed);
    Random rnd = new Random(seed);
    List<Occupation> occupations = new ArrayList<>(TAXONOMY.occupations());
    List<City> cities = new ArrayList<>(CITIES.all());
    List<Object[]> out = new ArrayList<>();
    for (int i = 0; i < PAIRS; i++) {
      Occupation o = occupations.get(rnd.nextInt(occupations.size()));
      List<Occupation> family = TAXONOMY.families().get(o.family());
      Occupation sought = family.get(rnd.nextInt(family.size()));
      City city = cities.get(rnd.nextInt(cities.size()));
      City home = rnd.nextBoolean() ? city : cities.get(rnd.nextInt(cities.size()));
      List<String> accepted = home == city ? List.of() : List.of(city.id());
      VacancyEvent v = gen.vacancy("vac-" + (1_000_000 + i), city, o, LUNCHTIME);
      CandidateEvent c = gen.candidate("cand-" + (1_000_000 + i), home, accepted, sought, LUNCHTIME + i);
      out.add(new Object[] {v, c});
    }
    return out;
  }

  /** The page's rules, and nothing from the job's code. */
  private static final class Spec {
    final MatchSettings s;
    final Map<String, Double> idf = new HashMap<>();
    /** Rank by IDF, highest first; equal IDF by ascending skill id. */
    final Map<String, Integer> rarity = new HashMap<>();

    Spec(Taxonomy taxonomy, MatchSettings s) {
      this.s = s;
      Map<String, Integer> df = new HashMap<>();
      for (Occupation o : taxonomy.occupations()) {
        for (SkillRequirement r : o.skills()) {
          df.merge(r.skillId(), 1, Integer::sum);
        }
      }
      int n = taxonomy.occupations().size();
      List<String> ids = new ArrayList<>();
      taxonomy.skills().forEach(k -> ids.add(k.id()));
      for (String id : ids) {
        idf.put(id, df.containsKey(id) ? Math.log((n + 1.0) / (df.get(id) + 1.0)) + 1.0 : 1.0);
      }
      ids.sort(Comparator.<String>comparingDouble(idf::get).reversed().thenComparing(Comparator.naturalOrder()));
      for (int i = 0; i < ids.size(); i++) {
        rarity.put(ids.get(i), i);
      }
    }

    List<String> essential(VacancyEvent v) {
      return new ArrayList<>(new TreeSet<>(v.essentialSkills() == null ? List.of() : v.essentialSkills()));
    }

    List<String> optional(VacancyEvent v) {
      TreeSet<String> out = new TreeSet<>(v.optionalSkills() == null ? List.of() : v.optionalSkills());
      out.removeAll(essential(v));
      return new ArrayList<>(out);
    }

    double score(VacancyEvent v, CandidateEvent c) {
      int max = v.salaryMax();
      int e = c.expectedSalary();
      double salary = 1.0;
      if (e > max) {
        double over = (e - max) / (double) Math.max(1, max);
        if (over > s.salaryTolerance()) {
          return -1;
        }
        salary = 1.0 - over / s.salaryTolerance();
      }
      Set<String> has = Set.copyOf(c.skills());
      double total = 0.0;
      double met = 0.0;
      for (String k : essential(v)) {
        double w = idf.get(k) * s.essentialSkillFactor();
        total += w;
        met += has.contains(k) ? w : 0.0;
      }
      for (String k : optional(v)) {
        double w = idf.get(k);
        total += w;
        met += has.contains(k) ? w : 0.0;
      }
      double skills = total <= 0 ? 0 : met / total;
      int gap = v.certificateLevel().rank() - c.certificateLevel().rank();
      double level = gap <= 0 ? 1.0 : Math.max(0.0, 1.0 - 0.25 * gap);
      double employment = c.employmentTypes().contains(v.employmentType()) ? 1.0 : 0.0;
      double location = v.cityId().equals(c.cityId()) ? 1.0 : s.acceptedCityScore();
      double w = s.weightSkills() + s.weightLevel() + s.weightSalary() + s.weightEmployment() + s.weightLocation();
      return (s.weightSkills() * skills + s.weightLevel() * level + s.weightSalary() * salary
          + s.weightEmployment() * employment + s.weightLocation() * location) / w;
    }

    List<String> skillsMet(VacancyEvent v, CandidateEvent c) {
      List<String> out = new ArrayList<>();
      for (String k : essential(v)) {
        if (c.skills().contains(k)) out.add(k);
      }
      for (String k : optional(v)) {
        if (c.skills().contains(k)) out.add(k);
      }
      return out;
    }

    List<String> essentialMissing(VacancyEvent v, CandidateEvent c) {
      return essential(v).stream().filter(k -> !c.skills().contains(k)).toList();
    }

    LevelFit levelFit(VacancyEvent v, CandidateEvent c) {
      int held = c.certificateLevel().rank();
      int required = v.certificateLevel().rank();
      return held == required ? LevelFit.MEETS : held > required ? LevelFit.EXCEEDS : LevelFit.BELOW;
    }

    SalaryFit salaryFit(VacancyEvent v, CandidateEvent c) {
      int e = c.expectedSalary();
      return e < v.salaryMin() ? SalaryFit.BELOW_RANGE : e <= v.salaryMax() ? SalaryFit.WITHIN : SalaryFit.ABOVE_RANGE;
    }

    /** Rarest differing skill: the one lacking it first. */
    int compareSkills(Set<String> a, Set<String> b) {
      String rarest = null;
      for (String k : a) {
        if (!b.contains(k) && (rarest == null || rarity.get(k) < rarity.get(rarest))) rarest = k;
      }
      for (String k : b) {
        if (!a.contains(k) && (rarest == null || rarity.get(k) < rarity.get(rarest))) rarest = k;
      }
      return rarest == null ? 0 : a.contains(rarest) ? 1 : -1;
    }

    int compareCandidates(CandidateEvent a, CandidateEvent b) {
      int bySkills = compareSkills(Set.copyOf(a.skills()), Set.copyOf(b.skills()));
      if (bySkills != 0) return bySkills;
      int byKey = Long.compare(key(a), key(b));
      return byKey != 0 ? byKey : a.candidateId().compareTo(b.candidateId());
    }

    int compareVacancies(VacancyEvent a, VacancyEvent b) {
      int bySkills = compareSkills(allSkills(a), allSkills(b));
      if (bySkills != 0) return bySkills;
      int byKey = Long.compare(key(a), key(b));
      return byKey != 0 ? byKey : a.vacancyId().compareTo(b.vacancyId());
    }

    Set<String> allSkills(VacancyEvent v) {
      Set<String> all = new LinkedHashSet<>(essential(v));
      all.addAll(optional(v));
      return all;
    }

    static long key(CandidateEvent c) {
      long mask = 0;
      for (EmploymentType t : c.employmentTypes()) {
        mask |= switch (t) { case DIRECT -> 1; case DISPATCH -> 2; case GIG -> 4; };
      }
      long h = Integer.toUnsignedLong(c.cityId().hashCode());
      return (mask << 54) | (h << 22) | ((long) rank(c.certificateLevel()) << 19)
          | Math.min(524287, Math.max(0, c.expectedSalary() / 100));
    }

    static long key(VacancyEvent v) {
      long type = switch (v.employmentType()) { case DIRECT -> 0; case DISPATCH -> 1; case GIG -> 2; };
      return (type << 40) | ((long) rank(v.certificateLevel()) << 32)
          | (0xFFFFFFFFL - Math.max(0, v.salaryMax() / 100));
    }

    static int rank(CertificateLevel l) {
      return switch (l) {
        case NONE -> 0; case LEVEL_5 -> 1; case LEVEL_4 -> 2; case LEVEL_3 -> 3; case LEVEL_2 -> 4; case LEVEL_1 -> 5;
      };
    }
  }
}
