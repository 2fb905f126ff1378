package io.matchstream.jobs.match;

import java.util.Arrays;

/** Sorted {@code long[]} sets of pool seqs: the compact memory of pairs already matched. */
final class Seqs {
  static final long[] NONE = new long[0];

  private Seqs() {}

  static boolean contains(long[] set, long seq) {
    return set.length != 0 && Arrays.binarySearch(set, seq) >= 0;
  }

  /** A new array with {@code seqs} added (the input is never changed: entries share it). */
  static long[] with(long[] set, long[] seqs, int count) {
    if (count == 0) {
      return set;
    }
    long[] out = Arrays.copyOf(set, set.length + count);
    System.arraycopy(seqs, 0, out, set.length, count);
    Arrays.sort(out);
    return out;
  }
}
