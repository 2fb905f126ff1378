package io.matchstream.jobs.match;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

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

    /** IDF ranks of the entry's skills, ascending: the trie's key and the skills summary. */
    char[] key(E e);

    /** Whether entries mark some skills (summarised separately: a post's essential skills). */
    boolean marks();

    /** How many of the entry's skills are marked. */
    int markedCount(E e);

    /** The IDF rank of the entry's i-th marked skill. */
    int markedRank(E e, int i);

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
  private final int[] rankOf;
  private final View view = new View();
  private Object[] entries = new Object[8];
  private int[] freeSlots = new int[8];
  private int freeCount;
  private int nextSlot;
  private int size;
  /** Open addressing, linear probing: slot + 1 of the entry with that id's hash, 0 for none. */
  private int[] table = new int[16];

  // Search scratch, reused across arrivals: a binary max-heap of nodes, and the top-k so far.
  private int[] heapNode = new int[64];
  private double[] heapBound = new double[64];
  private int heapSize;
  private int[] bestSlot = new int[0];
  private double[] bestScore = new double[0];
  private int bestCount;

  private long scored;
  private long bounded;

  /** @param rankOf per dense skill id, its rank in the order the trie splits on (highest IDF first) */
  public PoolIndex(Side<E> side, int[] rankOf) {
    this.side = side;
    this.rankOf = rankOf;
    this.trie = new SkillTrie(new SkillTrie.Entries() {
      @Override
      public char[] key(int slot) {
        return side.key(entry(slot));
      }

      @Override
      public int markedCount(int slot) {
        return side.markedCount(entry(slot));
      }

      @Override
      public int markedRank(int slot, int i) {
        return side.markedRank(entry(slot), i);
      }

      @Override
      public long order(int slot) {
        return side.order(entry(slot)) & Long.MAX_VALUE;
      }

      @Override
      public String id(int slot) {
        return side.id(entry(slot));
      }

      @Override
      public void features(int slot, long[] out) {
        side.features(entry(slot), out);
      }
    }, rankOf.length, side.features(), side.marks());
  }

  /**
   * How equal scores are ordered, computed from the entries alone (the exhaustive search and the
   * tests' oracle use it; the indexed search gets the same order from the trie's layout): skill
   * sets compared rarest skill first, the one lacking it first — a specialist stays available for
   * a post that needs the rare skill; then the order key, smaller first; then the id.
   */
  public Comparator<E> tieOrder() {
    return (a, b) -> {
      char[] x = side.key(a);
      char[] y = side.key(b);
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

  /** Adds an entry, replacing any entry with the same id. */
  public void put(E entry) {
    String id = side.id(entry);
    remove(id);
    int slot = freeCount > 0 ? freeSlots[--freeCount] : nextSlot++;
    if (slot >= entries.length) {
      entries = Arrays.copyOf(entries, entries.length + (entries.length >> 1));
    }
    entries[slot] = entry;
    size++;
    if (2 * size > table.length) {
      rehash(table.length * 2);
    }
    insertId(id, slot);
    trie.insert(slot);
  }

  /**
   * Swaps in a new version of an entry whose key, order, id and features are unchanged (e.g. one
   * more pair remembered): the trie is not touched.
   */
  public void replace(E entry) {
    int slot = find(side.id(entry));
    if (slot < 0) {
      throw new IllegalStateException("no entry " + side.id(entry) + " to replace");
    }
    entries[slot] = entry;
  }

  /** Removes the entry with this id; returns it, or null if absent. */
  public E remove(String id) {
    int at = probe(id);
    if (table[at] == 0) {
      return null;
    }
    int slot = table[at] - 1;
    E old = entry(slot);
    trie.remove(slot);
    deleteAt(at);
    entries[slot] = null;
    size--;
    if (freeCount == freeSlots.length) {
      freeSlots = Arrays.copyOf(freeSlots, freeCount * 2);
    }
    freeSlots[freeCount++] = slot;
    return old;
  }

  public E get(String id) {
    int slot = find(id);
    return slot < 0 ? null : entry(slot);
  }

  public int size() {
    return size;
  }

  /** Calls {@code action} with every entry, in slot order. */
  public void forEach(java.util.function.Consumer<E> action) {
    for (int s = 0; s < nextSlot; s++) {
      if (entries[s] != null) {
        action.accept(entry(s));
      }
    }
  }

  private static int spread(String id) {
    int h = id.hashCode() * 0x9E3779B9;
    return h ^ (h >>> 16);
  }

  private int find(String id) {
    int at = probe(id);
    return table[at] == 0 ? -1 : table[at] - 1;
  }

  /** The table position holding this id, or the empty position where it would go. */
  private int probe(String id) {
    int mask = table.length - 1;
    int at = spread(id) & mask;
    while (table[at] != 0 && !side.id(entry(table[at] - 1)).equals(id)) {
      at = (at + 1) & mask;
    }
    return at;
  }

  private void insertId(String id, int slot) {
    table[probe(id)] = slot + 1;
  }

  /** Linear-probing deletion: later entries of the run move back so every probe still finds them. */
  private void deleteAt(int at) {
    int mask = table.length - 1;
    int hole = at;
    int i = at;
    while (true) {
      i = (i + 1) & mask;
      if (table[i] == 0) {
        break;
      }
      int home = spread(side.id(entry(table[i] - 1))) & mask;
      // Move back unless home lies cyclically in (hole, i].
      boolean stays = hole <= i ? (home > hole && home <= i) : (home > hole || home <= i);
      if (!stays) {
        table[hole] = table[i];
        hole = i;
      }
    }
    table[hole] = 0;
  }

  private void rehash(int length) {
    int[] old = table;
    table = new int[length];
    for (int v : old) {
      if (v != 0) {
        table[probe(side.id(entry(v - 1)))] = v;
      }
    }
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
    if (root != SkillTrie.NIL) {
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
    for (int slot = 0; slot < nextSlot; slot++) {
      if (entries[slot] != null) {
        offer(slot, q, k, threshold, ties);
      }
    }
    return results();
  }

  /** A leaf is scored at once; an inner node is queued if something below could still make it. */
  private void consider(int node, Query<E> q, int k, double threshold) {
    if (SkillTrie.isLeaf(node)) {
      offer(SkillTrie.slot(node), q, k, threshold, null);
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
      out.add(new Hit<>(entry(bestSlot[i]), side.id(entry(bestSlot[i])), bestScore[i]));
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
    return trie.root() == SkillTrie.NIL ? null : boundViolation(trie.root(), q, new double[1]);
  }

  private String boundViolation(int node, Query<E> q, double[] best) {
    if (SkillTrie.isLeaf(node)) {
      best[0] = q.score(entry(SkillTrie.slot(node)));
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
      return trie.mayHave(node, rankOf[skill]);
    }

    @Override
    public boolean hasMarked(int skill) {
      return trie.mayHaveMarked(node, rankOf[skill]);
    }

    @Override
    public long feature(int f) {
      return trie.feature(node, f);
    }
  }
}
