package io.matchstream.jobs.match;

import io.matchstream.events.CandidateEvent;
import io.matchstream.events.VacancyEvent;
import org.apache.flink.api.java.functions.KeySelector;

/**
 * The key of the routers ({@link VacancyRouting}, {@link CandidateRouting}): not the entity id but
 * a shard of ids, {@link #COUNT} of them. Flink holds one keyed-state entry per key and state, and
 * one timer per key and instant; keyed by entity, every open post or candidate cost its own state
 * entry, key string and age-limit timer (~250 B with its {@code Membership}). A shard holds its
 * entities' memberships in one map and needs one sweep timer. An entity always falls in the same
 * shard, so its events keep their order.
 *
 * <p>Why 1024: Flink's default max parallelism is 128 (up to a parallelism of 85), so every key
 * group gets ~8 shards and a rescale still moves whole, even key groups; with a max parallelism of
 * up to 1024 no key group is left empty. The fixed cost (per shard and router: the map and its
 * keyed-state entry, the sweep timer and its next-due entry, ~0.45 KB measured) is ~0.9 MB for both
 * routers, under 2 B per entity at the pilot's ~575k open entities, while a shard's map stays small
 * (~560 entities at the pilot's scale): a sweep, or the copy of one shard's map that the heap
 * backend makes when it is written during a checkpoint, touches little. Many more shards would add
 * timers and fixed cost for nothing; a few would make each sweep and copy big.
 *
 * <p>The hash is part of the state format (it decides where an entity's membership is): changing
 * {@link #COUNT} or {@link #of} re-keys all routing state and needs new operator uids.
 */
public final class RouterShards {
  /** Shards per router. A power of two. */
  public static final int COUNT = 1024;

  /** Vacancy events by the shard of their vacancyId. */
  public static final KeySelector<VacancyEvent, Integer> VACANCY = v -> of(v.vacancyId());
  /** Candidate events by the shard of their candidateId. */
  public static final KeySelector<CandidateEvent, Integer> CANDIDATE = c -> of(c.candidateId());

  private RouterShards() {}

  /**
   * The shard of an id, in [0, {@link #COUNT}): {@link String#hashCode} (fixed by the Java language
   * specification, so the same in every JVM and release) spread by a multiplicative hash, since
   * ids often differ in their last characters only.
   */
  public static int of(String id) {
    int h = id.hashCode() * 0x9E3779B9;
    return (h ^ (h >>> 16)) & (COUNT - 1);
  }
}
