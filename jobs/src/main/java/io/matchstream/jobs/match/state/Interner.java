package io.matchstream.jobs.match.state;

import java.lang.ref.WeakReference;
import java.util.WeakHashMap;

/**
 * One copy of each repeated string (city ids, occupation codes, employer ids) however many entries
 * name it, in this JVM. Weak: a string no entry holds any more is collected, so the table is bounded
 * by what is open, not by what was ever seen. Not in checkpoints: entries are written with their
 * strings and interned again when read.
 */
public final class Interner {
  private static final WeakHashMap<String, WeakReference<String>> TABLE = new WeakHashMap<>();

  private Interner() {}

  public static String intern(String s) {
    if (s == null) {
      return null;
    }
    synchronized (TABLE) {
      WeakReference<String> ref = TABLE.get(s);
      String canonical = ref == null ? null : ref.get();
      if (canonical == null) {
        TABLE.put(s, new WeakReference<>(s));
        canonical = s;
      }
      return canonical;
    }
  }
}
