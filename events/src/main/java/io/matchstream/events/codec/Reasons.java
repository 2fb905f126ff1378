package io.matchstream.events.codec;

/** Helpers that keep rejection reasons short and safe to log. */
final class Reasons {
  private static final int MAX_QUOTED = 60;

  private Reasons() {}

  /** Clips user-provided text quoted in a reason, and strips control characters. */
  static String clip(String text) {
    if (text == null) {
      return "null";
    }
    String s = text.length() > MAX_QUOTED ? text.substring(0, MAX_QUOTED) + "…" : text;
    return s.replaceAll("\\p{Cntrl}", "?");
  }
}
