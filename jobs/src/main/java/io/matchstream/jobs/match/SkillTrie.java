package io.matchstream.jobs.match;

import io.matchstream.jobs.match.PoolIndex.Agg;
import java.util.Arrays;

/**
 * The structure behind {@link PoolIndex}: a path-compressed binary (crit-bit) trie over entry slots,
 * keyed by each entry's skill set read in a fixed split order (highest IDF first), then by its order
 * key, then by its id, so every key is unique and depends on the entry alone (not on the slot, so a
 * rebuilt index orders entries the same way). Left to right is the tie order ({@link #compareSlots}).
 * Every node keeps a summary of its subtree: the union of the entries' skills, the union of their
 * "marked" skills (a post's essential ones), one aggregate per numeric feature, and its leftmost leaf.
 *
 * <p>Summaries are recomputed from the two children on the path after each insert or remove
 * (min/max cannot be decremented), so an update costs O(depth × words), with depth about log2 of
 * the pool plus the skills shared along the path. Everything lives in primitive arrays indexed by
 * node; skill bits use a pool-local vocabulary (a family pool uses ~100 of the 1,053 skills), whose
 * width grows when a new skill arrives.
 */
final class SkillTrie {
  private static final long MIXED = PoolIndex.MIXED;

  private static final int ORDER_BITS = 63;
  /** Per id character: a "present" bit (so a prefix comes first), then its 16 bits. */
  private static final int CHAR_BITS = 17;

  private final int[] rankOf;
  private final int ranks;
  private final Agg[] aggs;
  private final int features;

  private final int[] localOf;
  private int vocabulary;
  private int words = 1;

  private int capacity;
  private int[] left;
  private int[] right;
  private int[] parent;
  private int[] pos;
  private int[] slotOfNode;
  private long[] bits;
  private long[] marked;
  private long[] feat;
  private int[] first;
  private int freeNode = -1;
  private int nextNode;
  private int root = -1;

  private int[][] keyOfSlot = new int[16][];
  private long[] orderOfSlot = new long[16];
  private String[] idOfSlot = new String[16];
  private int[] leafOfSlot = new int[16];

  /**
   * @param splitOrder dense skill ids in the order the trie splits on them
   * @param aggs one per feature, how a subtree's value is formed
   */
  SkillTrie(int[] splitOrder, Agg[] aggs) {
    this.ranks = splitOrder.length;
    this.rankOf = new int[splitOrder.length];
    for (int r = 0; r < splitOrder.length; r++) {
      rankOf[splitOrder[r]] = r;
    }
    this.aggs = aggs.clone();
    this.features = aggs.length;
    this.localOf = new int[splitOrder.length];
    Arrays.fill(localOf, -1);
    allocate(64);
  }

  int root() {
    return root;
  }

  boolean isLeaf(int node) {
    return slotOfNode[node] >= 0;
  }

  int slot(int node) {
    return slotOfNode[node];
  }

  int left(int node) {
    return left[node];
  }

  int right(int node) {
    return right[node];
  }

  /** The slot of the leftmost leaf below {@code node}: the first of its entries in tie order. */
  int first(int node) {
    return first[node];
  }

  /** Tie order of two entries: their keys compared bit by bit, i.e. their left-to-right order. */
  int compareSlots(int a, int b) {
    if (a == b) {
      return 0;
    }
    int crit = firstDifference(keyOfSlot[a], a, keyOfSlot[b], b);
    return bit(keyOfSlot[a], a, crit) ? 1 : -1;
  }

  long feature(int node, int f) {
    return feat[node * features + f];
  }

  /** Whether some entry below {@code node} has the skill (dense id). */
  boolean mayHave(int node, int skill) {
    return test(bits, node, skill);
  }

  /** Whether some entry below {@code node} has the skill marked. */
  boolean mayHaveMarked(int node, int skill) {
    return test(marked, node, skill);
  }

  private boolean test(long[] set, int node, int skill) {
    int l = skill < localOf.length ? localOf[skill] : -1;
    return l >= 0 && (set[node * words + (l >>> 6)] & (1L << l)) != 0;
  }

  /** Adds an entry under a free slot; {@code skills} and {@code markedSkills} are dense ids. */
  void insert(int slot, String id, int[] skills, int[] markedSkills, long order, long[] values) {
    learn(skills);
    learn(markedSkills);
    int[] key = new int[skills.length];
    for (int i = 0; i < skills.length; i++) {
      key[i] = rankOf[skills[i]];
    }
    Arrays.sort(key);
    if (slot >= keyOfSlot.length) {
      int n = Math.max(slot + 1, keyOfSlot.length * 2);
      keyOfSlot = Arrays.copyOf(keyOfSlot, n);
      leafOfSlot = Arrays.copyOf(leafOfSlot, n);
      orderOfSlot = Arrays.copyOf(orderOfSlot, n);
      idOfSlot = Arrays.copyOf(idOfSlot, n);
    }
    keyOfSlot[slot] = key;
    orderOfSlot[slot] = order;
    idOfSlot[slot] = id;
    int leaf = newNode();
    slotOfNode[leaf] = slot;
    leafOfSlot[slot] = leaf;
    first[leaf] = slot;
    setBits(bits, leaf, skills);
    setBits(marked, leaf, markedSkills);
    System.arraycopy(values, 0, feat, leaf * features, features);
    if (root < 0) {
      root = leaf;
      return;
    }
    int n = root;
    while (!isLeaf(n)) {
      n = bit(key, slot, pos[n]) ? right[n] : left[n];
    }
    int other = slotOfNode[n];
    int crit = firstDifference(key, slot, keyOfSlot[other], other);
    int above = -1;
    n = root;
    while (!isLeaf(n) && pos[n] < crit) {
      above = n;
      n = bit(key, slot, pos[n]) ? right[n] : left[n];
    }
    int inner = newNode();
    pos[inner] = crit;
    boolean one = bit(key, slot, crit);
    left[inner] = one ? n : leaf;
    right[inner] = one ? leaf : n;
    parent[n] = inner;
    parent[leaf] = inner;
    replace(above, n, inner);
    refreshUpFrom(inner);
  }

  /** Takes the entry in {@code slot} out; its sibling moves up into the parent's place. */
  void remove(int slot) {
    int leaf = leafOfSlot[slot];
    keyOfSlot[slot] = null;
    idOfSlot[slot] = null;
    int p = parent[leaf];
    freeNode(leaf);
    if (p < 0) {
      root = -1;
      return;
    }
    int sibling = left[p] == leaf ? right[p] : left[p];
    int g = parent[p];
    replace(g, p, sibling);
    freeNode(p);
    if (g >= 0) {
      refreshUpFrom(g);
    }
  }

  private void replace(int above, int old, int now) {
    parent[now] = above;
    if (above < 0) {
      root = now;
    } else if (left[above] == old) {
      left[above] = now;
    } else {
      right[above] = now;
    }
  }

  /** Recomputes summaries from the children, stopping once a node's summary is unchanged. */
  private void refreshUpFrom(int node) {
    for (int n = node; n >= 0; n = parent[n]) {
      if (!refresh(n) && n != node) {
        return;
      }
    }
  }

  private boolean refresh(int n) {
    int a = left[n];
    int b = right[n];
    boolean changed = false;
    for (int w = 0; w < words; w++) {
      long v = bits[a * words + w] | bits[b * words + w];
      long m = marked[a * words + w] | marked[b * words + w];
      changed |= v != bits[n * words + w] || m != marked[n * words + w];
      bits[n * words + w] = v;
      marked[n * words + w] = m;
    }
    for (int f = 0; f < features; f++) {
      long x = feat[a * features + f];
      long y = feat[b * features + f];
      long v = switch (aggs[f]) {
        case MIN -> Math.min(x, y);
        case MAX -> Math.max(x, y);
        case OR -> x | y;
        case SAME -> x == y ? x : MIXED;
      };
      changed |= v != feat[n * features + f];
      feat[n * features + f] = v;
    }
    changed |= first[a] != first[n];
    first[n] = first[a];
    return changed;
  }

  /**
   * Key position p: below {@code ranks}, "has the skill of rank p"; then the 63 bits of the entry's
   * order key (its non-skill features, so entries with one skill set cluster by them); then the id,
   * 17 bits per character, which makes every key unique.
   */
  private boolean bit(int[] key, int slot, int p) {
    if (p < ranks) {
      return Arrays.binarySearch(key, p) >= 0;
    }
    int q = p - ranks;
    if (q < ORDER_BITS) {
      return ((orderOfSlot[slot] >>> (ORDER_BITS - 1 - q)) & 1) != 0;
    }
    q -= ORDER_BITS;
    String id = idOfSlot[slot];
    int i = q / CHAR_BITS;
    if (i >= id.length()) {
      return false;
    }
    int r = q % CHAR_BITS;
    return r == 0 || ((id.charAt(i) >>> (CHAR_BITS - 1 - r)) & 1) != 0;
  }

  private int firstDifference(int[] a, int slotA, int[] b, int slotB) {
    int i = 0;
    int j = 0;
    while (i < a.length && j < b.length) {
      if (a[i] != b[j]) {
        return Math.min(a[i], b[j]);
      }
      i++;
      j++;
    }
    if (i < a.length) {
      return a[i];
    }
    if (j < b.length) {
      return b[j];
    }
    long orders = orderOfSlot[slotA] ^ orderOfSlot[slotB];
    if (orders != 0) {
      return ranks + (ORDER_BITS - 1 - (63 - Long.numberOfLeadingZeros(orders)));
    }
    String x = idOfSlot[slotA];
    String y = idOfSlot[slotB];
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

  private void setBits(long[] set, int node, int[] skills) {
    Arrays.fill(set, node * words, (node + 1) * words, 0L);
    for (int s : skills) {
      int l = localOf[s];
      set[node * words + (l >>> 6)] |= 1L << l;
    }
  }

  /** Gives new skills a local bit, widening every node's bitsets when a word fills up. */
  private void learn(int[] skills) {
    for (int s : skills) {
      if (localOf[s] < 0) {
        localOf[s] = vocabulary++;
      }
    }
    int needed = (vocabulary + 63) >>> 6;
    if (needed > words) {
      bits = widen(bits, needed);
      marked = widen(marked, needed);
      words = needed;
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
        allocate(capacity * 2);
      }
      n = nextNode++;
    }
    left[n] = -1;
    right[n] = -1;
    parent[n] = -1;
    pos[n] = -1;
    slotOfNode[n] = -1;
    return n;
  }

  private void freeNode(int n) {
    left[n] = freeNode;
    slotOfNode[n] = -1;
    freeNode = n;
  }

  private void allocate(int cap) {
    left = grow(left, cap);
    right = grow(right, cap);
    parent = grow(parent, cap);
    pos = grow(pos, cap);
    slotOfNode = grow(slotOfNode, cap);
    bits = bits == null ? new long[cap * words] : Arrays.copyOf(bits, cap * words);
    marked = marked == null ? new long[cap * words] : Arrays.copyOf(marked, cap * words);
    feat = feat == null ? new long[cap * features] : Arrays.copyOf(feat, cap * features);
    first = grow(first, cap);
    capacity = cap;
  }

  private static int[] grow(int[] a, int cap) {
    return a == null ? new int[cap] : Arrays.copyOf(a, cap);
  }

  /**
   * Checks the structure against its definition: parent links, split positions increasing
   * downwards, every leaf on the side its key says, and every summary equal to one recomputed from
   * the children. Returns the first problem found, or null. For tests.
   */
  String invariantViolation() {
    if (root < 0) {
      return null;
    }
    if (parent[root] != -1) {
      return "root has a parent";
    }
    return check(root);
  }

  private String check(int n) {
    if (isLeaf(n)) {
      return leafOfSlot[slotOfNode[n]] == n ? null : "leaf " + n + " not its slot's leaf";
    }
    for (int c : new int[] {left[n], right[n]}) {
      if (parent[c] != n) {
        return "bad parent link at " + c;
      }
      if (!isLeaf(c) && pos[c] <= pos[n]) {
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
    long[] savedBits = Arrays.copyOfRange(bits, n * words, (n + 1) * words);
    long[] savedMarked = Arrays.copyOfRange(marked, n * words, (n + 1) * words);
    long[] savedFeat = Arrays.copyOfRange(feat, n * features, (n + 1) * features);
    int savedFirst = first[n];
    refresh(n);
    boolean same = Arrays.equals(savedBits, Arrays.copyOfRange(bits, n * words, (n + 1) * words))
        && Arrays.equals(savedMarked, Arrays.copyOfRange(marked, n * words, (n + 1) * words))
        && Arrays.equals(savedFeat, Arrays.copyOfRange(feat, n * features, (n + 1) * features))
        && savedFirst == first[n];
    return same ? null : "stale summary at node " + n;
  }

  private String sidesAgree(int n, int splitter, boolean one) {
    if (isLeaf(n)) {
      int s = slotOfNode[n];
      return bit(keyOfSlot[s], s, pos[splitter]) == one ? null : "leaf on the wrong side of " + splitter;
    }
    String problem = sidesAgree(left[n], splitter, one);
    return problem != null ? problem : sidesAgree(right[n], splitter, one);
  }
}
