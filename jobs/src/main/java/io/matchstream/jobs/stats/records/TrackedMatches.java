package io.matchstream.jobs.stats.records;

import io.matchstream.events.OutcomeStage;
import io.matchstream.jobs.stats.state.Codes;

/**
 * The smart matches of one shard and one Shanghai day that the funnel follows, and the ids of the
 * outcomes accepted for them: what the funnel needs per match and nothing else, in parallel
 * primitive arrays of an open-addressing table (no object, boxed key or state entry per match).
 *
 * <p>Per match: its id exactly (a contract id is {@code m-} and 20 hex digits, 80 bits: the low 64
 * are the table key, the high 16 sit in the match's word), city and occupation as {@link Codes}
 * numbers, the last accepted stage, the furthest progress stage, and the match time as milliseconds
 * of its day (the day is the table's) — 8 + 8 + 4 bytes a slot. Outcome ids are kept as 64-bit hashes
 * (as {@link MatchIds}: two distinct outcome ids of one shard and day share a hash with odds of about
 * n²/2⁶⁵; such an outcome would be dropped as a repeat).
 *
 * <p>Mutable: its serializer's {@code copy} copies it, so a running snapshot of the heap backend never
 * sees a later change.
 */
public final class TrackedMatches {
  private static final int CITY_SHIFT = 16;
  private static final int OCCUPATION_SHIFT = 32;
  private static final int LAST_SHIFT = 48;
  private static final int FURTHEST_SHIFT = 52;
  private static final OutcomeStage[] STAGES = OutcomeStage.values();

  private long[] keys;
  /** 0 marks an empty slot (a tracked match always has a city, so its word is never 0). */
  private long[] words;
  private int[] times;
  private int size;
  private long[] outcomes;
  private int outcomeCount;
  /** Sorted by key, arrays exactly {@link #size} long, searched by bisection: no free slots. */
  private boolean sealed;

  public TrackedMatches() {
    this(4, 4);
  }

  private TrackedMatches(int capacity, int outcomeCapacity) {
    keys = new long[capacity];
    words = new long[capacity];
    times = new int[capacity];
    outcomes = new long[outcomeCapacity];
  }

  /** Low 64 bits of a contract match id ({@code m-} and 20 hex digits). */
  public static long low(String matchId) {
    return Long.parseUnsignedLong(matchId.substring(6), 16);
  }

  /** High 16 bits of a contract match id. */
  public static int high(String matchId) {
    return Integer.parseInt(matchId.substring(2, 6), 16);
  }

  /**
   * Adds a match with no outcome yet; false when it is there already.
   *
   * @param millisOfDay the match time minus the start of the table's day
   */
  public boolean add(long low, int high, char city, char occupation, int millisOfDay) {
    if (city == 0) throw new IllegalArgumentException("a tracked match needs a city");
    if (find(low, high) >= 0) {
      return false;
    }
    if (sealed) {
      unseal(); // not expected: a day is sealed once closed, and a closed day's matches are late
    }
    if ((size + 1) * 4 > keys.length * 3) {
      grow(keys.length * 2);
    }
    put(low, (high & 0xFFFFL) | (long) city << CITY_SHIFT | (long) occupation << OCCUPATION_SHIFT, millisOfDay);
    return true;
  }

  /** The slot of a match, or -1. */
  public int find(long low, int high) {
    if (sealed) {
      int i = java.util.Arrays.binarySearch(keys, low);
      if (i < 0) {
        return -1;
      }
      while (i > 0 && keys[i - 1] == low) {
        i--;
      }
      for (; i < size && keys[i] == low; i++) {
        if ((words[i] & 0xFFFF) == high) {
          return i;
        }
      }
      return -1;
    }
    int mask = keys.length - 1;
    for (int i = mix(low) & mask; words[i] != 0; i = (i + 1) & mask) {
      if (keys[i] == low && (words[i] & 0xFFFF) == high) {
        return i;
      }
    }
    return -1;
  }

  public char city(int slot) {
    return (char) (words[slot] >>> CITY_SHIFT);
  }

  public char occupation(int slot) {
    return (char) (words[slot] >>> OCCUPATION_SHIFT);
  }

  public int millisOfDay(int slot) {
    return times[slot];
  }

  /** The last accepted stage, or null before the first outcome. */
  public OutcomeStage lastStage(int slot) {
    int s = (int) (words[slot] >>> LAST_SHIFT) & 0x7;
    return s == 0 ? null : STAGES[s - 1];
  }

  /** The furthest progress stage reached, as {@link OutcomeStage#rank()}; 0 for none. */
  public int furthest(int slot) {
    return (int) (words[slot] >>> FURTHEST_SHIFT) & 0x7;
  }

  /** Records an accepted outcome's stage and the furthest progress rank now reached. */
  public void setStage(int slot, OutcomeStage last, int furthest) {
    long w = words[slot] & ~(0x7L << LAST_SHIFT) & ~(0x7L << FURTHEST_SHIFT);
    words[slot] = w | (long) (last.ordinal() + 1) << LAST_SHIFT | (long) furthest << FURTHEST_SHIFT;
  }

  /** Remembers an accepted outcome's id hash; false when it was there already (a repeat). */
  public boolean addOutcome(long hash) {
    long h = hash == 0 ? 1 : hash;
    if ((outcomeCount + 1) * 4 > outcomes.length * 3) {
      long[] old = outcomes;
      outcomes = new long[old.length * 2];
      outcomeCount = 0;
      for (long o : old) {
        if (o != 0) {
          addOutcome(o);
        }
      }
    }
    int mask = outcomes.length - 1;
    for (int i = mix(h) & mask; ; i = (i + 1) & mask) {
      if (outcomes[i] == h) {
        return false;
      }
      if (outcomes[i] == 0) {
        outcomes[i] = h;
        outcomeCount++;
        return true;
      }
    }
  }

  public boolean hasOutcome(long hash) {
    long h = hash == 0 ? 1 : hash;
    int mask = outcomes.length - 1;
    for (int i = mix(h) & mask; outcomes[i] != 0; i = (i + 1) & mask) {
      if (outcomes[i] == h) {
        return true;
      }
    }
    return false;
  }

  public int size() {
    return size;
  }

  public int outcomeCount() {
    return outcomeCount;
  }

  /**
   * Packs the matches into arrays of exactly their number, sorted by key: once a day is closed no
   * match is added to it, and the free slots an open-addressing table needs (a quarter to five eighths
   * of them) would be kept for the rest of the window. Stages can still change; outcome ids are still
   * added.
   */
  public void seal() {
    if (sealed) {
      return;
    }
    int[] used = slots();
    Integer[] order = new Integer[used.length];
    for (int i = 0; i < used.length; i++) {
      order[i] = used[i];
    }
    java.util.Arrays.sort(order, (a, b) -> Long.compare(keys[a], keys[b]));
    long[] k = new long[size];
    long[] w = new long[size];
    int[] t = new int[size];
    for (int i = 0; i < order.length; i++) {
      k[i] = keys[order[i]];
      w[i] = words[order[i]];
      t[i] = times[order[i]];
    }
    keys = k;
    words = w;
    times = t;
    sealed = true;
  }

  public boolean isSealed() {
    return sealed;
  }

  private void unseal() {
    long[] k = keys;
    long[] w = words;
    int[] t = times;
    int n = size;
    keys = new long[capacityFor(n + 1)];
    words = new long[keys.length];
    times = new int[keys.length];
    size = 0;
    sealed = false;
    for (int i = 0; i < n; i++) {
      put(k[i], w[i], t[i]);
    }
  }

  /** Slots in use, in table order. */
  public int[] slots() {
    if (sealed) {
      int[] all = new int[size];
      for (int i = 0; i < size; i++) {
        all[i] = i;
      }
      return all;
    }
    int[] out = new int[size];
    int n = 0;
    for (int i = 0; i < words.length; i++) {
      if (words[i] != 0) {
        out[n++] = i;
      }
    }
    return out;
  }

  public long key(int slot) {
    return keys[slot];
  }

  /** The match's word (id high bits, codes, stages) with its codes replaced, for serialisation. */
  public long word(int slot) {
    return words[slot];
  }

  /** The outcome hashes, in table order (for serialisation). */
  public long[] outcomeHashes() {
    long[] out = new long[outcomeCount];
    int n = 0;
    for (long o : outcomes) {
      if (o != 0) {
        out[n++] = o;
      }
    }
    return out;
  }

  /** Restores a slot as serialised: its key, word and time. */
  public void restore(long key, long word, int millisOfDay) {
    if ((size + 1) * 4 > keys.length * 3) {
      grow(keys.length * 2);
    }
    put(key, word, millisOfDay);
  }

  /** An empty table sized for {@code matches} and {@code outcomes} without growing. */
  public static TrackedMatches withCapacity(int matches, int outcomeCount) {
    return new TrackedMatches(capacityFor(matches), capacityFor(outcomeCount));
  }

  public TrackedMatches copy() {
    TrackedMatches t = new TrackedMatches(0, 0);
    t.keys = keys.clone();
    t.words = words.clone();
    t.times = times.clone();
    t.size = size;
    t.outcomes = outcomes.clone();
    t.outcomeCount = outcomeCount;
    t.sealed = sealed;
    return t;
  }

  /** The same word with other city and occupation numbers (a restore meets codes in another order). */
  public static long withCodes(long word, char city, char occupation) {
    long w = word & ~(0xFFFFL << CITY_SHIFT) & ~(0xFFFFL << OCCUPATION_SHIFT);
    return w | (long) city << CITY_SHIFT | (long) occupation << OCCUPATION_SHIFT;
  }

  public static char cityOf(long word) {
    return (char) (word >>> CITY_SHIFT);
  }

  public static char occupationOf(long word) {
    return (char) (word >>> OCCUPATION_SHIFT);
  }

  private static int capacityFor(int n) {
    int c = 4;
    while (n * 4 > c * 3) {
      c *= 2;
    }
    return c;
  }

  private void put(long key, long word, int millisOfDay) {
    int mask = keys.length - 1;
    int i = mix(key) & mask;
    while (words[i] != 0) {
      i = (i + 1) & mask;
    }
    keys[i] = key;
    words[i] = word;
    times[i] = millisOfDay;
    size++;
  }

  private void grow(int capacity) {
    long[] oldKeys = keys;
    long[] oldWords = words;
    int[] oldTimes = times;
    keys = new long[capacity];
    words = new long[capacity];
    times = new int[capacity];
    size = 0;
    for (int i = 0; i < oldWords.length; i++) {
      if (oldWords[i] != 0) {
        put(oldKeys[i], oldWords[i], oldTimes[i]);
      }
    }
  }

  private static int mix(long h) {
    long x = h * 0x9E3779B97F4A7C15L;
    return (int) (x ^ (x >>> 32));
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof TrackedMatches t) || t.size != size || t.outcomeCount != outcomeCount || t.sealed != sealed) {
      return false;
    }
    for (int s : slots()) {
      int other = t.find(keys[s], (int) (words[s] & 0xFFFF));
      if (other < 0 || t.words[other] != words[s] || t.times[other] != times[s]) {
        return false;
      }
    }
    for (long h : outcomeHashes()) {
      if (!t.hasOutcome(h)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return size * 31 + outcomeCount;
  }
}
