package io.matchstream.jobs.match;

import io.matchstream.events.CandidateEvent;

/**
 * A candidate event on its way to one of its pools.
 *
 * @param poolKey the pool, {@link PoolKey}
 * @param event the event, unchanged
 */
public record RoutedCandidate(String poolKey, CandidateEvent event) {}
