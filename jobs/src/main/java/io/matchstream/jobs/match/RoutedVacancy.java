package io.matchstream.jobs.match;

import io.matchstream.events.VacancyEvent;

/**
 * A vacancy event on its way to its pool (or a leave on its way to the pool it left).
 *
 * @param poolKey the pool, {@link PoolKey}
 * @param event the event
 */
public record RoutedVacancy(String poolKey, VacancyEvent event) {}
