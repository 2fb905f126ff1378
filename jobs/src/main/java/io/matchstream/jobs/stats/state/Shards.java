package io.matchstream.jobs.stats.state;

import io.matchstream.jobs.stats.records.CandidateChange;
import io.matchstream.jobs.stats.records.CityDelta;
import io.matchstream.jobs.stats.records.OutcomeChange;
import io.matchstream.jobs.stats.records.VacancyChange;
import org.apache.flink.api.java.functions.KeySelector;

/**
 * The keys of the per-entity operators: not the entity id but a shard of ids ({@link #COUNT} of
 * them). Flink keeps one timer per key and instant, so with one key per vacancy every open post
 * cost a timer (118 bytes measured, with its queue and dedup entries and key) and a state-map entry
 * of its own; a shard holds its entities in one map and needs one timer, at its earliest due
 * instant.
 *
 * <p>{@link #COUNT} spreads over every key group of the default max parallelism (128) twice on
 * average, so rescaling still moves whole key groups. Changing it re-keys all state: it is part of
 * the state format.
 */
public final class Shards {
  /** Shards per entity kind. */
  public static final int COUNT = 256;

  /** Vacancies by vacancyId. */
  public static final KeySelector<VacancyChange, Integer> VACANCY = v -> of(v.vacancyId);
  /** Candidates by candidateId. */
  public static final KeySelector<CandidateChange, Integer> CANDIDATE = c -> of(c.candidateId);
  /** Smart matches by matchId. */
  public static final KeySelector<CityDelta, Integer> MATCH = d -> of(d.matchId);
  /** Match outcomes by their matchId: the shard of their match. */
  public static final KeySelector<OutcomeChange, Integer> OUTCOME = o -> of(o.matchId);

  private Shards() {}

  /** The shard of an id, in [0, COUNT). */
  public static int of(String id) {
    int h = id.hashCode() * 0x9E3779B9; // spread ids that differ in their last characters only
    return (h ^ (h >>> 16)) & (COUNT - 1);
  }
}
