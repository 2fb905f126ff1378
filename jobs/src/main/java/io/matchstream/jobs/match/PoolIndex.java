package io.matchstream.jobs.match;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One side's pool in one key (city × occupation family), indexed so that the best {@code k}
 * counterparts of an arrival are found without scoring the whole pool — and are exactly the ones
 * scoring everything would find (same scores, ties broken by {@link #tieOrder}).
 *
 * <p>Entries sit in a {@link SkillTrie} whose nodes summarise their subtrees. An arrival's
 * {@link Query} turns a summary into an upper bound on the score of every entry below. The search
 * is branch and bound, best first: a queue of subtrees ordered by bound, then left to right (the tie
 * order is the trie's own key order, so equal bounds go to the subtree that would win a tie);
 * leaves are scored exactly; the search stops when it holds {@code k} results and the k-th beats
 * the best bound left (or ties it and comes first in tie order). Subtrees whose bound is under the
 * threshold are never opened. See docs/matching.md.
 *
 * <p>Not thread-safe; one instance per key per operator instance. Derived from keyed state and
 * rebuilt from it after a restore.
 */
public final class PoolIndex<E> {

  /** How a numeric feature of a subtree is formed from its entries'. */
  public enum Agg { MIN, MAX, OR, SAME }

  /** The value of a {@link Agg#SAME} feature over entries that differ. */
  public static final long MIXED = Long.MIN_VALUE;

  /** How the index reads an entry. */
  public interface Side<E> {
    String id(E e);

    /** Dense skill ids: the trie's key and the skills summary. */
    int[] skills(E e);

    /** Dense skill ids summarised separately (a post's essential skills); may be empty. */
    int[] markedSkills(E e);

    /** How each numeric feature combines over a subtree; its length is the feature count. */
    Agg[] features();

    /**
     * A non-negative key (63 bits) the trie splits on after the skills: entries with equal skills
     * and similar features share subtrees, so those subtrees' bounds are tight.
     */
    long order(E e);

    /** Writes the entry's features, in the order of {@link #features()}. */
    void features(E e, long[] out);
  }

  /** What a query sees of a subtree: supersets of its entries' skills, and feature aggregates. */
  public interface Summary extends SkillSet {
    boolean hasMarked(int skill);

    long feature(int f);
  }

  /** One arrival's view of this pool. */
  public interface Query<E> {
    /** At least the score of every entry summarised; below the threshold prunes the subtree. */
    double bound(Summary subtree);

    /** The entry's score, or a negative number if it must not be matched. */
    double score(E entry);
  }

  /** A scored entry. */
  public record Hit<E>(E entry, String id, double score) {}

  private final Side<E> side;
  private final SkillTrie trie;
  private final long[] scratch;
  private final int[] rankOf;
  private final Map<String, Integer> slotOf = new HashMap<>();
  private final View view = new View();
  private Object[] entries = new Object[16];
  private String[] ids = new String[16];
  private int[] freeSlots = new int[16];
  private int freeCount;
  private int nextSlot;

  // Search scratch, reused across arrivals: a binary max-heap of nodes, and the top-k so far.
  private int[] heapNode = new int[64];
  private double[] heapBound = new double[64];
  private int heapSize;
  private int[] bestSlot = new int[0];
  private double[] bestScore = new double[0];
  private int bestCount;

  private long scored;
  private long bounded;

  /** @param splitOrder dense skill ids in the order the trie splits on them (highest IDF first) */
  public PoolIndex(Side<E> side, int[] splitOrder) {
    this.side = side;
    this.trie = new SkillTrie(splitOrder, side.features());
    this.scratch = new long[side.features().length];
    this.rankOf = new int[splitOrder.length];
    for (int r = 0; r < splitOrder.length; r++) {
      rankOf[splitOrder[r]] = r;
    }
  }

  /**
   * How equal scores are ordered, computed from the entries alone (the exhaustive search and the
   * tests' oracle use it; the indexed search gets the same order from the trie's layout): skill
   * sets compared rarest skill first, the one lacking it first — a specialist stays available for
   * a post that needs the rare skill; then the order key, smaller first; then the id.
   */
  public Comparator<E> tieOrder() {
    return (a, b) -> {
      int[] x = ranks(side.skills(a));
      int[] y = ranks(side.skills(b));
      for (int i = 0; i < Math.min(x.length, y.length); i++) {
        if (x[i] != y[i]) {
          return x[i] < y[i] ? 1 : -1;
        }
      }
      if (x.length != y.length) {
        return x.length < y.length ? -1 : 1;
      }
      int byOrder = Long.compare(side.order(a) & Long.MAX_VALUE, side.order(b) & Long.MAX_VALUE);
      return byOrder != 0 ? byOrder : side.id(a).compareTo(side.id(b));
    };
  }

  private int[] ranks(int[] skills) {
    int[] out = new int[skills.length];
    for (int i = 0; i < skills.length; i++) {
      out[i] = rankOf[skills[i]];
    }
    Arrays.sort(out);
    return out;
  }

  /** Adds an entry, replacing any entry with the same id. */
  public void put(E entry) {
    String id = side.id(entry);
    remove(id);
    int slot = freeCount > 0 ? freeSlots[--freeCount] : nextSlot++;
    if (slot >= entries.length) {
      entries = Arrays.copyOf(entries, entries.length * 2);
      ids = Arrays.copyOf(ids, ids.length * 2);
    }
    entries[slot] = entry;
    ids[slot] = id;
    slotOf.put(id, slot);
    side.features(entry, scratch);
    trie.insert(slot, id, side.skills(entry), side.markedSkills(entry), side.order(entry) & Long.MAX_VALUE, scratch);
  }

  /** Removes the entry with this id; returns it, or null if absent. */
  public E remove(String id) {
    Integer slot = slotOf.remove(id);
    if (slot == null) {
      return null;
    }
    E old = entry(slot);
    trie.remove(slot);
    entries[slot] = null;
    ids[slot] = null;
    if (freeCount == freeSlots.length) {
      freeSlots = Arrays.copyOf(freeSlots, freeCount * 2);
    }
    freeSlots[freeCount++] = slot;
    return old;
  }

  public E get(String id) {
    Integer slot = slotOf.get(id);
    return slot == null ? null : entry(slot);
  }

  public int size() {
    return slotOf.size();
  }

  public Collection<String> ids() {
    return slotOf.keySet();
  }

  /** Entries scored by all searches so far (a measure of the work saved). */
  public long scoredEntries() {
    return scored;
  }

  /** Subtree bounds computed by all searches so far. */
  public long boundedNodes() {
    return bounded;
  }

  /** The best {@code k} entries scoring at least {@code threshold}, best first, via the index. */
  public List<Hit<E>> topK(Query<E> q, int k, double threshold) {
    startResults(k);
    heapSize = 0;
    int root = trie.root();
    if (root >= 0) {
      consider(root, q, k, threshold);
    }
    while (heapSize > 0) {
      int top = heapNode[0];
      if (bestCount == k && !canBeat(heapBound[0], trie.first(top), null)) {
        break;
      }
      pop();
      consider(trie.left(top), q, k, threshold);
      consider(trie.right(top), q, k, threshold);
    }
    return results();
  }

  /** The same answer as {@link #topK}, by scoring every entry: the baseline and the oracle. */
  public List<Hit<E>> exhaustiveTopK(Query<E> q, int k, double threshold) {
    startResults(k);
    Comparator<E> ties = tieOrder();
    for (int slot : slotOf.values()) {
      offer(slot, q, k, threshold, ties);
    }
    return results();
  }

  /** A leaf is scored at once; an inner node is queued if something below could still make it. */
  private void consider(int node, Query<E> q, int k, double threshold) {
    if (trie.isLeaf(node)) {
      offer(trie.slot(node), q, k, threshold, null);
      return;
    }
    bounded++;
    double b = q.bound(view.at(node));
    if (b >= threshold && (bestCount < k || canBeat(b, trie.first(node), null))) {
      push(node, b);
    }
  }

  /**
   * Whether an entry scoring at most {@code bound}, not before {@code slot} in tie order, can enter
   * a full top-k.
   */
  private boolean canBeat(double bound, int slot, Comparator<E> ties) {
    double worst = bestScore[bestCount - 1];
    return bound > worst || (bound == worst && before(slot, bestSlot[bestCount - 1], ties));
  }

  /** Tie order: the trie's layout, or (exhaustive search) the comparator computed from entries. */
  private boolean before(int a, int b, Comparator<E> ties) {
    return ties == null ? trie.compareSlots(a, b) < 0 : ties.compare(entry(a), entry(b)) < 0;
  }

  private void offer(int slot, Query<E> q, int k, double threshold, Comparator<E> ties) {
    scored++;
    double s = q.score(entry(slot));
    if (s < threshold || s < 0) {
      return;
    }
    int i = bestCount;
    if (bestCount == k) {
      if (!canBeat(s, slot, ties)) {
        return;
      }
      i--;
    } else {
      bestCount++;
    }
    // Insertion into the sorted top-k: score descending, then tie order.
    while (i > 0 && (bestScore[i - 1] < s || (bestScore[i - 1] == s && before(slot, bestSlot[i - 1], ties)))) {
      bestScore[i] = bestScore[i - 1];
      bestSlot[i] = bestSlot[i - 1];
      i--;
    }
    bestScore[i] = s;
    bestSlot[i] = slot;
  }

  private void startResults(int k) {
    if (bestSlot.length < k) {
      bestSlot = new int[k];
      bestScore = new double[k];
    }
    bestCount = 0;
  }

  private List<Hit<E>> results() {
    List<Hit<E>> out = new ArrayList<>(bestCount);
    for (int i = 0; i < bestCount; i++) {
      out.add(new Hit<>(entry(bestSlot[i]), ids[bestSlot[i]], bestScore[i]));
    }
    return out;
  }

  /** Heap order: higher bound first; on equal bounds the subtree further left (first in tie order). */
  private boolean above(int a, int b) {
    return heapBound[a] > heapBound[b]
        || (heapBound[a] == heapBound[b] && trie.compareSlots(trie.first(heapNode[a]), trie.first(heapNode[b])) < 0);
  }

  private void push(int node, double bound) {
    if (heapSize == heapNode.length) {
      heapNode = Arrays.copyOf(heapNode, heapSize * 2);
      heapBound = Arrays.copyOf(heapBound, heapSize * 2);
    }
    int i = heapSize++;
    heapNode[i] = node;
    heapBound[i] = bound;
    while (i > 0 && above(i, (i - 1) >>> 1)) {
      swap(i, (i - 1) >>> 1);
      i = (i - 1) >>> 1;
    }
  }

  private void pop() {
    heapSize--;
    swap(0, heapSize);
    int i = 0;
    while (true) {
      int l = 2 * i + 1;
      int r = l + 1;
      int m = i;
      if (l < heapSize && above(l, m)) {
        m = l;
      }
      if (r < heapSize && above(r, m)) {
        m = r;
      }
      if (m == i) {
        return;
      }
      swap(i, m);
      i = m;
    }
  }

  private void swap(int a, int b) {
    int n = heapNode[a];
    heapNode[a] = heapNode[b];
    heapNode[b] = n;
    double d = heapBound[a];
    heapBound[a] = heapBound[b];
    heapBound[b] = d;
  }

  @SuppressWarnings("unchecked")
  private E entry(int slot) {
    return (E) entries[slot];
  }

  /**
   * For tests: the first subtree whose bound is below the best score of an entry in it (the
   * property the search's exactness rests on), or a broken structural invariant; null if none.
   */
  String boundViolation(Query<E> q) {
    String structural = trie.invariantViolation();
    if (structural != null) {
      return structural;
    }
    return trie.root() < 0 ? null : boundViolation(trie.root(), q, new double[1]);
  }

  private String boundViolation(int node, Query<E> q, double[] best) {
    if (trie.isLeaf(node)) {
      best[0] = q.score(entry(trie.slot(node)));
      return null;
    }
    String problem = boundViolation(trie.left(node), q, best);
    double max = best[0];
    problem = problem != null ? problem : boundViolation(trie.right(node), q, best);
    max = Math.max(max, best[0]);
    best[0] = max;
    if (problem == null && q.bound(view.at(node)) < max) {
      return "bound " + q.bound(view.at(node)) + " < score " + max + " below node " + node;
    }
    return problem;
  }

  /** A reusable window onto one node's summary, so computing a bound allocates nothing. */
  private final class View implements Summary {
    private int node;

    View at(int n) {
      node = n;
      return this;
    }

    @Override
    public boolean has(int skill) {
      return trie.mayHave(node, skill);
    }

    @Override
    public boolean hasMarked(int skill) {
      return trie.mayHaveMarked(node, skill);
    }

    @Override
    public long feature(int f) {
      return trie.feature(node, f);
    }
  }
}
