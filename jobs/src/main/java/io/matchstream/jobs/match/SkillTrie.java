package io.matchstream.jobs.match;

import io.matchstream.jobs.match.PoolIndex.Agg;
import java.util.Arrays;

/**
 * The structure behind {@link PoolIndex}: a path-compressed binary (crit-bit) trie over entry slots,
 * keyed by each entry's skill set read in a fixed split order (highest IDF first, i.e. by IDF rank),
 * then by its order key, then by its id, so every key is unique and depends on the entry alone (not
 * on the slot, so a rebuilt index orders entries the same way). Left to right is the tie order
 * ({@link #compareSlots}). Every inner node keeps a summary of its subtree: the union of the entries'
 * skills, the union of their "marked" skills (a post's essential ones), one aggregate per numeric
 * feature, and its leftmost leaf.
 *
 * <p>Compact by design (it is the part of the pools that stays on the heap with any state backend):
 * leaves are not nodes — a child pointer {@code c < 0} is the entry in slot {@code ~c}, whose key,
 * order, id and features the trie reads from the entry itself through {@link Entries}; inner nodes
 * have no parent links (inserts and removals walk down from the root and keep the path); skill bits
 * use a pool-local vocabulary (a family pool uses ~100 of the 1,053 skills), whose width grows when a
 * new skill arrives; the "marked" bitset exists only for a side that marks skills.
 *
 * <p>Summaries are recomputed from the two children on the path after each insert or remove
 * (min/max cannot be decremented), so an update costs O(depth × words).
 */
final class SkillTrie {
  private static final long MIXED = PoolIndex.MIXED;
  static final int NIL = Integer.MAX_VALUE;

  private static final int ORDER_BITS = 63;
  /** Per id character: a "present" bit (so a prefix comes first), then its 16 bits. */
  private static final int CHAR_BITS = 17;

  /** What the trie reads from the entries it holds, by slot. */
  interface Entries {
    /** IDF ranks of the entry's skills, ascending. */
    char[] key(int slot);

    /** How many of the entry's skills are marked. */
    int markedCount(int slot);

    /** The rank of the entry's i-th marked skill. */
    int markedRank(int slot, int i);

    long order(int slot);

    String id(int slot);

    void features(int slot, long[] out);
  }

  private final Entries entries;
  private final int ranks;
  private final Agg[] aggs;
  private final int features;
  private final boolean marks;

  private final int[] localOf;
  private int vocabulary;
  private int words = 1;

  private int capacity;
  private int[] left;
  private int[] right;
  private int[] pos;
  private int[] first;
  private long[] bits;
  private long[] marked;
  private long[] feat;
  private int freeNode = -1;
  private int nextNode;
  private int root = NIL;

  // Scratch: the two children's summaries while refreshing, and the path of an insert or removal.
  private long[] aBits = new long[1];
  private long[] aMarked = new long[1];
  private long[] bBits = new long[1];
  private long[] bMarked = new long[1];
  private final long[] aFeat;
  private final long[] bFeat;
  private int[] path = new int[64];

  /**
   * @param ranks how many skill ranks there are (the taxonomy's skills)
   * @param aggs one per feature, how a subtree's value is formed
   * @param marks whether entries mark some of their skills
   */
  SkillTrie(Entries entries, int ranks, Agg[] aggs, boolean marks) {
    this.entries = entries;
    this.ranks = ranks;
    this.aggs = aggs.clone();
    this.features = aggs.length;
    this.marks = marks;
    this.aFeat = new long[features];
    this.bFeat = new long[features];
    this.localOf = new int[ranks];
    Arrays.fill(localOf, -1);
    allocate(0);
  }

  /** The root: {@link #NIL} when empty, a leaf ({@code < 0}) or an inner node. */
  int root() {
    return root;
  }

  static boolean isLeaf(int node) {
    return node < 0;
  }

  static int slot(int leaf) {
    return ~leaf;
  }

  int left(int node) {
    return left[node];
  }

  int right(int node) {
    return right[node];
  }

  /** The slot of the leftmost leaf below {@code node}: the first of its entries in tie order. */
  int first(int node) {
    return node < 0 ? ~node : first[node];
  }

  /** Tie order of two entries: their keys compared bit by bit, i.e. their left-to-right order. */
  int compareSlots(int a, int b) {
    if (a == b) {
      return 0;
    }
    int crit = firstDifference(a, b);
    return bit(a, crit) ? 1 : -1;
  }

  long feature(int node, int f) {
    return feat[node * features + f];
  }

  /** Whether some entry below inner {@code node} has the skill (IDF rank). */
  boolean mayHave(int node, int rank) {
    return test(bits, node, rank);
  }

  /** Whether some entry below inner {@code node} has the skill (IDF rank) marked. */
  boolean mayHaveMarked(int node, int rank) {
    return marks && test(marked, node, rank);
  }

  private boolean test(long[] set, int node, int rank) {
    int l = localOf[rank];
    return l >= 0 && (set[node * words + (l >>> 6)] & (1L << l)) != 0;
  }

  /** Adds the entry now in {@code slot}. */
  void insert(int slot) {
    learn(slot);
    int leaf = ~slot;
    if (root == NIL) {
      root = leaf;
      return;
    }
    int n = root;
    while (n >= 0) {
      n = bit(slot, pos[n]) ? right[n] : left[n];
    }
    int crit = firstDifference(slot, ~n);
    int depth = 0;
    n = root;
    while (n >= 0 && pos[n] < crit) {
      push(depth++, n);
      n = bit(slot, pos[n]) ? right[n] : left[n];
    }
    int inner = newNode();
    pos[inner] = crit;
    boolean one = bit(slot, crit);
    left[inner] = one ? n : leaf;
    right[inner] = one ? leaf : n;
    replace(depth > 0 ? path[depth - 1] : NIL, n, inner);
    refresh(inner);
    refreshPath(depth);
  }

  /** Takes the entry in {@code slot} out (it must still be readable); its sibling moves up. */
  void remove(int slot) {
    int leaf = ~slot;
    int depth = 0;
    int n = root;
    while (n >= 0) {
      push(depth++, n);
      n = bit(slot, pos[n]) ? right[n] : left[n];
    }
    if (n != leaf) {
      throw new IllegalStateException("slot " + slot + " is not in the trie");
    }
    if (depth == 0) {
      root = NIL;
      return;
    }
    int p = path[depth - 1];
    int sibling = left[p] == leaf ? right[p] : left[p];
    replace(depth > 1 ? path[depth - 2] : NIL, p, sibling);
    freeNode(p);
    refreshPath(depth - 1);
  }

  private void push(int depth, int node) {
    if (depth == path.length) {
      path = Arrays.copyOf(path, depth * 2);
    }
    path[depth] = node;
  }

  /** Recomputes the summaries on the kept path bottom-up, stopping once one is unchanged. */
  private void refreshPath(int depth) {
    for (int i = depth - 1; i >= 0; i--) {
      if (!refresh(path[i])) {
        return;
      }
    }
  }

  private void replace(int above, int old, int now) {
    if (above == NIL) {
      root = now;
    } else if (left[above] == old) {
      left[above] = now;
    } else {
      right[above] = now;
    }
  }

  /** Loads a child's skill bits, marked bits and features into the given scratch arrays. */
  private void loadChild(int c, long[] toBits, long[] toMarked, long[] toFeat) {
    if (c >= 0) {
      System.arraycopy(bits, c * words, toBits, 0, words);
      if (marks) {
        System.arraycopy(marked, c * words, toMarked, 0, words);
      }
      System.arraycopy(feat, c * features, toFeat, 0, features);
      return;
    }
    int s = ~c;
    Arrays.fill(toBits, 0, words, 0L);
    for (char r : entries.key(s)) {
      int l = localOf[r];
      toBits[l >>> 6] |= 1L << l;
    }
    if (marks) {
      Arrays.fill(toMarked, 0, words, 0L);
      for (int i = entries.markedCount(s) - 1; i >= 0; i--) {
        int l = localOf[entries.markedRank(s, i)];
        toMarked[l >>> 6] |= 1L << l;
      }
    }
    entries.features(s, toFeat);
  }

  private boolean refresh(int n) {
    int a = left[n];
    int b = right[n];
    loadChild(a, aBits, aMarked, aFeat);
    loadChild(b, bBits, bMarked, bFeat);
    boolean changed = false;
    for (int w = 0; w < words; w++) {
      long v = aBits[w] | bBits[w];
      changed |= v != bits[n * words + w];
      bits[n * words + w] = v;
      if (marks) {
        long m = aMarked[w] | bMarked[w];
        changed |= m != marked[n * words + w];
        marked[n * words + w] = m;
      }
    }
    for (int f = 0; f < features; f++) {
      long x = aFeat[f];
      long y = bFeat[f];
      long v = switch (aggs[f]) {
        case MIN -> Math.min(x, y);
        case MAX -> Math.max(x, y);
        case OR -> x | y;
        case SAME -> x == y ? x : MIXED;
      };
      changed |= v != feat[n * features + f];
      feat[n * features + f] = v;
    }
    int f0 = first(a);
    changed |= f0 != first[n];
    first[n] = f0;
    return changed;
  }

  /**
   * Key position p: below {@code ranks}, "has the skill of rank p"; then the 63 bits of the entry's
   * order key (its non-skill features, so entries with one skill set cluster by them); then the id,
   * 17 bits per character, which makes every key unique.
   */
  private boolean bit(int slot, int p) {
    if (p < ranks) {
      return Arrays.binarySearch(entries.key(slot), (char) p) >= 0;
    }
    int q = p - ranks;
    if (q < ORDER_BITS) {
      return ((entries.order(slot) >>> (ORDER_BITS - 1 - q)) & 1) != 0;
    }
    q -= ORDER_BITS;
    String id = entries.id(slot);
    int i = q / CHAR_BITS;
    if (i >= id.length()) {
      return false;
    }
    int r = q % CHAR_BITS;
    return r == 0 || ((id.charAt(i) >>> (CHAR_BITS - 1 - r)) & 1) != 0;
  }

  private int firstDifference(int slotA, int slotB) {
    char[] a = entries.key(slotA);
    char[] b = entries.key(slotB);
    int i = 0;
    while (i < a.length && i < b.length) {
      if (a[i] != b[i]) {
        return Math.min(a[i], b[i]);
      }
      i++;
    }
    if (i < a.length) {
      return a[i];
    }
    if (i < b.length) {
      return b[i];
    }
    long orders = entries.order(slotA) ^ entries.order(slotB);
    if (orders != 0) {
      return ranks + (ORDER_BITS - 1 - (63 - Long.numberOfLeadingZeros(orders)));
    }
    String x = entries.id(slotA);
    String y = entries.id(slotB);
    int n = Math.min(x.length(), y.length());
    int base = ranks + ORDER_BITS;
    for (int c = 0; c < n; c++) {
      int diff = x.charAt(c) ^ y.charAt(c);
      if (diff != 0) {
        return base + CHAR_BITS * c + (CHAR_BITS - 1 - (31 - Integer.numberOfLeadingZeros(diff)));
      }
    }
    return base + CHAR_BITS * n;
  }

  /** Gives the entry's new skills a local bit, widening every node's bitsets when a word fills up. */
  private void learn(int slot) {
    for (char r : entries.key(slot)) {
      if (localOf[r] < 0) {
        localOf[r] = vocabulary++;
      }
    }
    for (int i = entries.markedCount(slot) - 1; i >= 0; i--) {
      int r = entries.markedRank(slot, i);
      if (localOf[r] < 0) {
        localOf[r] = vocabulary++;
      }
    }
    int needed = (vocabulary + 63) >>> 6;
    if (needed > words) {
      bits = widen(bits, needed);
      if (marks) {
        marked = widen(marked, needed);
      }
      words = needed;
      aBits = new long[words];
      aMarked = new long[words];
      bBits = new long[words];
      bMarked = new long[words];
    }
  }

  private long[] widen(long[] set, int to) {
    long[] out = new long[capacity * to];
    for (int n = 0; n < capacity; n++) {
      System.arraycopy(set, n * words, out, n * to, words);
    }
    return out;
  }

  private int newNode() {
    int n;
    if (freeNode >= 0) {
      n = freeNode;
      freeNode = left[n];
    } else {
      if (nextNode == capacity) {
        allocate(Math.max(16, capacity + (capacity >> 1)));
      }
      n = nextNode++;
    }
    left[n] = NIL;
    right[n] = NIL;
    pos[n] = -1;
    return n;
  }

  private void freeNode(int n) {
    left[n] = freeNode;
    freeNode = n;
  }

  private void allocate(int cap) {
    left = Arrays.copyOf(left == null ? new int[0] : left, cap);
    right = Arrays.copyOf(right == null ? new int[0] : right, cap);
    pos = Arrays.copyOf(pos == null ? new int[0] : pos, cap);
    first = Arrays.copyOf(first == null ? new int[0] : first, cap);
    bits = Arrays.copyOf(bits == null ? new long[0] : bits, cap * words);
    marked = marks ? Arrays.copyOf(marked == null ? new long[0] : marked, cap * words) : new long[0];
    feat = Arrays.copyOf(feat == null ? new long[0] : feat, cap * features);
    capacity = cap;
  }

  /**
   * Checks the structure against its definition: split positions increasing downwards, every leaf
   * on the side its key says, and every summary equal to one recomputed from the children. Returns
   * the first problem found, or null. For tests.
   */
  String invariantViolation() {
    if (root == NIL || root < 0) {
      return null;
    }
    return check(root);
  }

  private String check(int n) {
    if (n < 0) {
      return null;
    }
    for (int c : new int[] {left[n], right[n]}) {
      if (c >= 0 && pos[c] <= pos[n]) {
        return "split positions not increasing at " + c;
      }
    }
    String problem = sidesAgree(left[n], n, false);
    problem = problem != null ? problem : sidesAgree(right[n], n, true);
    problem = problem != null ? problem : check(left[n]);
    problem = problem != null ? problem : check(right[n]);
    if (problem != null) {
      return problem;
    }
    return refresh(n) ? "stale summary at node " + n : null;
  }

  private String sidesAgree(int n, int splitter, boolean one) {
    if (n < 0) {
      return bit(~n, pos[splitter]) == one ? null : "leaf on the wrong side of " + splitter;
    }
    String problem = sidesAgree(left[n], splitter, one);
    return problem != null ? problem : sidesAgree(right[n], splitter, one);
  }
}
