package io.matchstream.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.matchstream.events.CandidateEvent;
import io.matchstream.events.CandidateEventType;
import io.matchstream.events.VacancyEvent;
import io.matchstream.events.VacancyEventType;
import io.matchstream.events.cities.City;
import io.matchstream.events.cities.CityRegistry;
import io.matchstream.events.taxonomy.Occupation;
import io.matchstream.events.taxonomy.Taxonomy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProfileGeneratorTest {
  private static final Taxonomy TAXONOMY = Taxonomy.loadDefault();
  private static final CityRegistry CITIES = CityRegistry.loadDefault();
  private static final long LUNCHTIME = 1_772_425_800_000L; // 2026-03-02T12:30+08:00
  private static final Occupation WELDER = TAXONOMY.occupation("6-18-02-04");
  private static final City NINGBO = CITIES.get("ningbo");

  @Test
  void aPostRequiresSkillsOfItsOwnOccupationAndAValidSalaryRange() {
    VacancyEvent v = new ProfileGenerator(TAXONOMY, 7).vacancy("vac-000001", NINGBO, WELDER, LUNCHTIME);

    assertThat(v.type()).isEqualTo(VacancyEventType.OPENED);
    assertThat(v.cityId()).isEqualTo("ningbo");
    assertThat(v.postedTime()).isEqualTo(LUNCHTIME);
    assertThat(v.essentialSkills()).isNotEmpty().allMatch(s -> occupationSkills().contains(s));
    assertThat(v.salaryMin()).isPositive().isLessThanOrEqualTo(v.salaryMax());
    assertThat(v.headcount()).isPositive();
  }

  @Test
  void aCandidateSeeksTheOccupationFromHomeAndTheAcceptedCities() {
    CandidateEvent c = new ProfileGenerator(TAXONOMY, 7)
        .candidate("cand-000001", NINGBO, List.of("hangzhou"), WELDER, LUNCHTIME);

    assertThat(c.type()).isEqualTo(CandidateEventType.REGISTERED);
    assertThat(c.cityId()).isEqualTo("ningbo");
    assertThat(c.acceptedCities()).containsExactly("hangzhou");
    assertThat(c.occupationCodes()).contains(WELDER.code());
    assertThat(c.skills()).isNotEmpty().allMatch(s -> familySkills().contains(s));
    assertThat(c.employmentTypes()).isNotEmpty();
  }

  @Test
  void theSameSeedGivesTheSameEventsAndAnotherSeedOtherOnes() {
    assertThat(sample(42)).isEqualTo(sample(42)).isNotEqualTo(sample(43));
  }

  private static List<Object> sample(long seed) {
    ProfileGenerator g = new ProfileGenerator(TAXONOMY, seed);
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      out.add(g.vacancy("vac-" + (100000 + i), NINGBO, WELDER, LUNCHTIME));
      out.add(g.candidate("cand-" + (100000 + i), NINGBO, List.of(), WELDER, LUNCHTIME));
    }
    return out;
  }

  private static List<String> occupationSkills() {
    return skillsOf(List.of(WELDER));
  }

  /** A candidate may also seek a second occupation of the family, with some of its skills. */
  private static List<String> familySkills() {
    return skillsOf(TAXONOMY.families().get(WELDER.family()));
  }

  private static List<String> skillsOf(List<Occupation> occupations) {
    List<String> all = new ArrayList<>();
    for (Occupation o : occupations) {
      all.addAll(o.essentialSkillIds());
      all.addAll(o.optionalSkillIds());
    }
    return all;
  }
}
