package io.matchstream.simulator;

import io.matchstream.events.CandidateEvent;
import io.matchstream.events.VacancyEvent;
import io.matchstream.events.cities.City;
import io.matchstream.events.taxonomy.Occupation;
import io.matchstream.events.taxonomy.Taxonomy;
import java.util.List;
import java.util.Objects;

/**
 * Single posts and profiles with exactly the content the simulator's stream gives them — skills
 * sampled from the occupation's list at 60–90 % (posts) or at strong, medium or weak coverage
 * (candidates), calibrated levels, education, pay and employment types — without a stream around
 * them. For benchmarks and tests that fill a pool by hand but want the product's shape of data.
 * Deterministic from the seed: the same calls in the same order give the same events.
 */
public final class ProfileGenerator {
  private final Profiles profiles;
  private final Rng rng;

  public ProfileGenerator(Taxonomy taxonomy, long seed) {
    this.profiles = new Profiles(Objects.requireNonNull(taxonomy, "taxonomy"));
    this.rng = new Rng(seed);
  }

  /** An OPENED post of employer {@code emp-0001}, posted at {@code time}. */
  public VacancyEvent vacancy(String vacancyId, City city, Occupation occupation, long time) {
    return profiles.vacancy(rng, vacancyId, city, occupation, "emp-0001", time, time);
  }

  /** A REGISTERED candidate seeking {@code occupation}, registered at {@code time}. */
  public CandidateEvent candidate(
      String candidateId, City home, List<String> acceptedCities, Occupation occupation, long time) {
    return profiles.candidate(rng, candidateId, home, acceptedCities, occupation, time, time);
  }
}
