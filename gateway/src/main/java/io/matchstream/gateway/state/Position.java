package io.matchstream.gateway.state;

/**
 * A position in a channel's source log, as the client holds it: one offset per partition of the
 * source topic ("every record before this offset has been applied"), written as decimal offsets
 * in partition order joined by dots, e.g. {@code "1523.1610.1498.1577"}. Compact, exact (no
 * floating point on the way through JavaScript) and meaningful to every gateway reading the same
 * log. See docs/protocol.md, "Positions".
 */
public final class Position {
  /** Offsets a position may hold: more partitions than this is not a position of ours. */
  public static final int MAX_PARTITIONS = 256;

  /** The longest position text accepted (20 characters per offset and its dot). */
  public static final int MAX_LENGTH = MAX_PARTITIONS * 20;

  private Position() {}

  public static String format(long[] offsets) {
    StringBuilder b = new StringBuilder(offsets.length * 8);
    for (int i = 0; i < offsets.length; i++) {
      if (i > 0) b.append('.');
      b.append(offsets[i]);
    }
    return b.toString();
  }

  /**
   * The offsets of a well-formed position text, or null: decimal offsets from 0 to 2^63-1 joined
   * by dots, at most {@link #MAX_PARTITIONS} of them. Never throws.
   */
  public static long[] parse(String text) {
    if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) return null;
    int parts = 1;
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (ch == '.') parts++;
      else if (ch < '0' || ch > '9') return null;
    }
    if (parts > MAX_PARTITIONS) return null;
    long[] out = new long[parts];
    int start = 0;
    for (int p = 0; p < parts; p++) {
      int end = text.indexOf('.', start);
      if (end < 0) end = text.length();
      if (end == start || end - start > 19) return null;
      try {
        out[p] = Long.parseLong(text, start, end, 10);
      } catch (NumberFormatException e) {
        return null;
      }
      start = end + 1;
    }
    return out;
  }
}
