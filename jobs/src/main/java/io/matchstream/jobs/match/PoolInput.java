package io.matchstream.jobs.match;

/**
 * One event for a pool: a routed vacancy or a routed candidate (exactly one is set). The two sides
 * share one keyed input of {@link MatchFunction}, whose other input is the broadcast settings.
 */
public record PoolInput(RoutedVacancy vacancy, RoutedCandidate candidate) {

  public static PoolInput of(RoutedVacancy v) {
    return new PoolInput(v, null);
  }

  public static PoolInput of(RoutedCandidate c) {
    return new PoolInput(null, c);
  }

  /** The pool (city × family) the event is for: the operator's key. */
  public String poolKey() {
    return vacancy != null ? vacancy.poolKey() : candidate.poolKey();
  }
}
