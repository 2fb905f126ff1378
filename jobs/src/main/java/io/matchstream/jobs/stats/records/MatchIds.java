package io.matchstream.jobs.stats.records;

import java.util.Arrays;

/**
 * The smart matches of one shard and one Shanghai day, as 64-bit hashes of their ids in an
 * open-addressing table: about 16 bytes per match instead of a state entry, an id string and a
 * timer each. Two distinct ids share a hash with odds of about n²/2⁶⁵ (n = ids kept at once: some
 * 10⁻⁸ for a million); such a match would be dropped as a repeat.
 *
 * <p>Mutable: {@link io.matchstream.jobs.stats.state.MatchIdsSerializer#copy} copies it, so a
 * running snapshot of the heap backend never sees a later insertion.
 */
public final class MatchIds {
  private long[] slots;
  private int size;

  public MatchIds() {
    this(new long[8], 0);
  }

  private MatchIds(long[] slots, int size) {
    this.slots = slots;
    this.size = size;
  }

  /** Adds a hash; false when it was there already. */
  public boolean add(long hash) {
    long h = hash == 0 ? 1 : hash; // 0 marks an empty slot
    if ((size + 1) * 4 > slots.length * 3) {
      grow();
    }
    int mask = slots.length - 1;
    for (int i = mix(h) & mask; ; i = (i + 1) & mask) {
      if (slots[i] == h) {
        return false;
      }
      if (slots[i] == 0) {
        slots[i] = h;
        size++;
        return true;
      }
    }
  }

  public boolean contains(long hash) {
    long h = hash == 0 ? 1 : hash;
    int mask = slots.length - 1;
    for (int i = mix(h) & mask; ; i = (i + 1) & mask) {
      if (slots[i] == h) {
        return true;
      }
      if (slots[i] == 0) {
        return false;
      }
    }
  }

  public int size() {
    return size;
  }

  /** The hashes, in table order (for serialisation). */
  public long[] toArray() {
    long[] out = new long[size];
    int n = 0;
    for (long s : slots) {
      if (s != 0) {
        out[n++] = s;
      }
    }
    return out;
  }

  public MatchIds copy() {
    return new MatchIds(slots.clone(), size);
  }

  /** The 64-bit hash of a match id (FNV-1a over its characters, then a 64-bit finaliser). */
  public static long hash(String id) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      h = (h ^ (c & 0xFF)) * 0x100000001b3L;
      h = (h ^ (c >>> 8)) * 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    return h ^ (h >>> 33);
  }

  private void grow() {
    long[] old = slots;
    slots = new long[old.length * 2];
    size = 0;
    for (long s : old) {
      if (s != 0) {
        add(s);
      }
    }
  }

  private static int mix(long h) {
    return (int) (h ^ (h >>> 32));
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof MatchIds m) || m.size != size) {
      return false;
    }
    long[] a = toArray();
    long[] b = m.toArray();
    Arrays.sort(a);
    Arrays.sort(b);
    return Arrays.equals(a, b);
  }

  @Override
  public int hashCode() {
    return size;
  }
}
