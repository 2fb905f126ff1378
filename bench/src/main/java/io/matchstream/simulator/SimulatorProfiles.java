package io.matchstream.simulator;

import io.matchstream.events.CandidateEvent;
import io.matchstream.events.VacancyEvent;
import io.matchstream.events.cities.City;
import io.matchstream.events.taxonomy.Occupation;
import io.matchstream.events.taxonomy.Taxonomy;
import java.util.List;

/**
 * The simulator's own profile generator ({@code Profiles}, package-private there) opened to the
 * benchmarks, so pool entries have exactly the shape the product sees: skills sampled from the
 * occupation's list at 60–90 % (posts) or strong/medium/weak coverage (candidates), calibrated
 * levels, salaries and employment types. Lives in the bench module only.
 */
public final class SimulatorProfiles {
  private final Profiles profiles;
  private final Rng rng;

  public SimulatorProfiles(Taxonomy taxonomy, long seed) {
    this.profiles = new Profiles(taxonomy);
    this.rng = new Rng(seed);
  }

  public VacancyEvent vacancy(String id, City city, Occupation o, long time) {
    return profiles.vacancy(rng, id, city, o, "emp-0001", time, time);
  }

  public CandidateEvent candidate(String id, City home, List<String> accepted, Occupation o, long time) {
    return profiles.candidate(rng, id, home, accepted, o, time, time);
  }
}
