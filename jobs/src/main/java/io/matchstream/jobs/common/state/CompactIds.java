package io.matchstream.jobs.common.state;

/**
 * An id of the contract's shape ({@code prefix} + base-36 characters, e.g. {@code emp-0042}) in one
 * {@code long} instead of a String (56 bytes), exactly and reversibly: up to 12 characters after
 * the prefix fit, as digits of base 37 (0 = end, so leading zeros are kept). Ids that do not fit are
 * kept as strings by the caller.
 */
public final class CompactIds {
  private static final int MAX_CHARS = 12;

  private CompactIds() {}

  /** The id as a positive long, or 0 when it does not have the shape. */
  public static long pack(String prefix, String id) {
    if (id == null || !id.startsWith(prefix)) {
      return 0;
    }
    int n = id.length() - prefix.length();
    if (n < 1 || n > MAX_CHARS) {
      return 0;
    }
    long v = 0;
    for (int i = id.length() - 1; i >= prefix.length(); i--) {
      int d = digit(id.charAt(i));
      if (d < 0) {
        return 0;
      }
      v = v * 37 + d + 1;
    }
    return v;
  }

  /** The id {@link #pack} made {@code packed} of. */
  public static String unpack(String prefix, long packed) {
    StringBuilder b = new StringBuilder(prefix.length() + MAX_CHARS).append(prefix);
    for (long v = packed; v != 0; v /= 37) {
      int d = (int) (v % 37) - 1;
      b.append((char) (d < 10 ? '0' + d : 'a' + d - 10));
    }
    return b.toString();
  }

  private static int digit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'z') {
      return c - 'a' + 10;
    }
    return -1;
  }
}
