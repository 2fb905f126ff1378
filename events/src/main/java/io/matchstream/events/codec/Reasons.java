package io.matchstream.events.codec;

import java.util.regex.Pattern;

/** Helpers that keep rejection reasons short and safe to log. */
final class Reasons {
  private static final int MAX_QUOTED = 60;

  /**
   * What must never reach a log line or a terminal from a stranger's input: control characters
   * (Cc), format characters (Cf: bidi overrides and isolates that reorder what an operator reads,
   * zero-width characters that hide text) and the line and paragraph separators (Zl, Zp).
   */
  private static final Pattern UNSAFE = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]");

  private Reasons() {}

  /** Clips user-provided text quoted in a reason, and replaces unsafe characters with '?'. */
  static String clip(String text) {
    if (text == null) {
      return "null";
    }
    String s = text.length() > MAX_QUOTED ? text.substring(0, MAX_QUOTED) + "…" : text;
    return UNSAFE.matcher(s).replaceAll("?");
  }
}
