package io.matchstream.jobs.match;

import io.matchstream.events.CandidateEvent;
import io.matchstream.events.VacancyEvent;
import io.matchstream.events.taxonomy.Occupation;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The key of a pool: {@code cityId|family}, family being the CSCO minor group of the occupation.
 * A vacancy lives in one pool; a candidate in one per (accepted city, sought family).
 */
public final class PoolKey {
  private PoolKey() {}

  public static String of(String cityId, String family) {
    return cityId + "|" + family;
  }

  public static String of(VacancyEvent v) {
    return of(v.cityId(), Occupation.familyOf(v.occupationCode()));
  }

  /** Every pool a candidate belongs to; removals (PLACED, WITHDRAWN) reach the same pools. */
  public static List<String> of(CandidateEvent c) {
    Set<String> keys = new LinkedHashSet<>();
    Set<String> cities = new LinkedHashSet<>();
    cities.add(c.cityId());
    if (c.acceptedCities() != null) {
      cities.addAll(c.acceptedCities());
    }
    for (String city : cities) {
      for (String code : c.occupationCodes()) {
        keys.add(of(city, Occupation.familyOf(code)));
      }
    }
    return List.copyOf(keys);
  }

  public static String cityOf(String key) {
    return key.substring(0, key.indexOf('|'));
  }
}
