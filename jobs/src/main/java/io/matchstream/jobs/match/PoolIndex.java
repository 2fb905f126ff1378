package io.matchstream.jobs.match;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;

/**
 * One side's pool in one key (city × occupation family), indexed so that the best {@code k}
 * counterparts of an arrival are found without scoring the whole pool — and are exactly the ones
 * scoring everything would find (same scores, ties broken by the smaller id).
 *
 * <p>Entries with the same skill signature form a group; their skill coverage against any query is
 * the same number, so a group has one score bound per query ({@link Query#groupBound}). Inverted
 * postings (skill → groups) find the groups sharing a skill with the query; the others have zero
 * coverage and are skipped outright when even a perfect zero-coverage pair misses the threshold.
 * Groups are visited from the highest bound down, each group's entries in id order, and the search
 * stops as soon as the k-th best score found beats every bound left. Realistic pools repeat skill
 * profiles (the simulator draws them from each occupation's list), so the number of groups and the
 * number of entries actually scored grow far slower than the pool.
 *
 * <p>Not thread-safe; one instance per key per operator instance. Derived from keyed state and
 * rebuilt from it after a restore (see docs/matching.md).
 */
public final class PoolIndex<E> {

  /** How the index reads an entry. */
  public interface Side<E> {
    String id(E e);

    /** Entries with equal signatures must score alike against any query's skills. */
    int[] signature(E e);

    /** The dense skill ids under which the entry is posted. */
    int[] skills(E e);
  }

  /** One arrival's view of this pool. */
  public interface Query<E> {
    /** The highest score any entry with this entry's signature can reach. */
    double groupBound(E representative);

    /** The highest score an entry sharing no skill with the query can reach. */
    double zeroSkillBound();

    /** The entry's score, or a negative number if it must not be matched. */
    double score(E entry);
  }

  /** A scored entry. */
  public record Hit<E>(E entry, String id, double score) {}

  private static final class Group<E> {
    final int[] skills;
    final TreeMap<String, E> entries = new TreeMap<>();
    double bound;

    Group(int[] skills) {
      this.skills = skills;
    }
  }

  private record Signature(int[] value) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Signature s && Arrays.equals(value, s.value);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(value);
    }
  }

  private static final Comparator<Hit<?>> BEST_FIRST =
      Comparator.<Hit<?>>comparingDouble(Hit::score).reversed().thenComparing(Hit::id);

  private final Side<E> side;
  private final Map<Signature, Group<E>> groups = new HashMap<>();
  private final Map<String, Group<E>> groupOf = new HashMap<>();
  private final Map<Integer, Set<Group<E>>> postings = new HashMap<>();
  private long scored;

  public PoolIndex(Side<E> side) {
    this.side = side;
  }

  /** Adds an entry, replacing any entry with the same id. */
  public void put(E entry) {
    String id = side.id(entry);
    remove(id);
    Signature sig = new Signature(side.signature(entry));
    Group<E> g = groups.get(sig);
    if (g == null) {
      g = new Group<>(side.skills(entry));
      groups.put(sig, g);
      for (int s : g.skills) {
        postings.computeIfAbsent(s, x -> new HashSet<>()).add(g);
      }
    }
    g.entries.put(id, entry);
    groupOf.put(id, g);
  }

  /** Removes the entry with this id; returns it, or null if absent. */
  public E remove(String id) {
    Group<E> g = groupOf.remove(id);
    if (g == null) {
      return null;
    }
    E old = g.entries.remove(id);
    if (g.entries.isEmpty()) {
      groups.remove(new Signature(side.signature(old)));
      for (int s : g.skills) {
        Set<Group<E>> p = postings.get(s);
        p.remove(g);
        if (p.isEmpty()) {
          postings.remove(s);
        }
      }
    }
    return old;
  }

  public E get(String id) {
    Group<E> g = groupOf.get(id);
    return g == null ? null : g.entries.get(id);
  }

  public int size() {
    return groupOf.size();
  }

  public int groupCount() {
    return groups.size();
  }

  /** Entries scored by all searches so far (a measure of the work saved). */
  public long scoredEntries() {
    return scored;
  }

  public Collection<String> ids() {
    return groupOf.keySet();
  }

  /** The best {@code k} entries scoring at least {@code threshold}, best first, via the index. */
  public List<Hit<E>> topK(int[] querySkills, Query<E> q, int k, double threshold) {
    List<Group<E>> candidates = new ArrayList<>();
    if (q.zeroSkillBound() >= threshold) {
      candidates.addAll(groups.values());
    } else {
      Set<Group<E>> touched = new HashSet<>();
      for (int s : querySkills) {
        Set<Group<E>> p = postings.get(s);
        if (p != null) {
          touched.addAll(p);
        }
      }
      candidates.addAll(touched);
    }
    List<Group<E>> open = new ArrayList<>(candidates.size());
    for (Group<E> g : candidates) {
      g.bound = q.groupBound(g.entries.firstEntry().getValue());
      if (g.bound >= threshold) {
        open.add(g);
      }
    }
    open.sort((a, b) -> Double.compare(b.bound, a.bound));

    PriorityQueue<Hit<E>> heap = new PriorityQueue<>(BEST_FIRST.reversed());
    for (Group<E> g : open) {
      if (heap.size() == k && g.bound < heap.peek().score()) {
        break;
      }
      for (Map.Entry<String, E> e : g.entries.entrySet()) {
        if (heap.size() == k && cannotBeat(g.bound, e.getKey(), heap.peek())) {
          break;
        }
        offer(heap, k, threshold, e.getValue(), e.getKey(), q);
      }
    }
    return sorted(heap);
  }

  /** The same answer as {@link #topK}, by scoring every entry: the baseline and the oracle. */
  public List<Hit<E>> exhaustiveTopK(Query<E> q, int k, double threshold) {
    PriorityQueue<Hit<E>> heap = new PriorityQueue<>(BEST_FIRST.reversed());
    for (Group<E> g : groups.values()) {
      for (Map.Entry<String, E> e : g.entries.entrySet()) {
        offer(heap, k, threshold, e.getValue(), e.getKey(), q);
      }
    }
    return sorted(heap);
  }

  /**
   * Whether an entry of a group with this bound, whose id is {@code id} or later, cannot displace
   * the worst of a full top-k: its score is at most the bound, and on an equal score the smaller
   * id wins. Ids within a group only grow, so once true it stays true for the rest of the group.
   */
  private static boolean cannotBeat(double bound, String id, Hit<?> worst) {
    return bound < worst.score() || (bound == worst.score() && id.compareTo(worst.id()) > 0);
  }

  private void offer(PriorityQueue<Hit<E>> heap, int k, double threshold, E entry, String id, Query<E> q) {
    scored++;
    double s = q.score(entry);
    if (s < threshold || s < 0) {
      return;
    }
    Hit<E> hit = new Hit<>(entry, id, s);
    if (heap.size() < k) {
      heap.add(hit);
    } else if (BEST_FIRST.compare(hit, heap.peek()) < 0) {
      heap.poll();
      heap.add(hit);
    }
  }

  private static <E> List<Hit<E>> sorted(PriorityQueue<Hit<E>> heap) {
    List<Hit<E>> out = new ArrayList<>(heap);
    out.sort(BEST_FIRST);
    return out;
  }
}
