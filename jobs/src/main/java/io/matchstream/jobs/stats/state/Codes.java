package io.matchstream.jobs.stats.state;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * City ids and occupation codes as small numbers while they sit in state: an entity holds a
 * {@code char} where it held a {@code String}, and every delta it emits names the one shared
 * {@code String} of its code.
 *
 * <p>The numbers are local to this process and never leave it: the state serializers write the
 * code itself, so a checkpoint does not depend on the order codes were met or on the pilot's
 * configured city list. Validation admits only known cities and occupations (a few hundred), and the
 * table refuses to grow past {@link #CAPACITY}, so no input can make it unbounded.
 */
public final class Codes {
  /** Distinct codes this process can hold; 0 stands for "none". */
  public static final int CAPACITY = Character.MAX_VALUE;

  private static final ConcurrentHashMap<String, Character> INDEX = new ConcurrentHashMap<>();
  private static volatile String[] byIndex = new String[512];
  private static int size = 1; // guarded by Codes.class; 0 is "none"

  private Codes() {}

  /** The number of {@code code}; 0 for null. */
  public static char of(String code) {
    if (code == null) {
      return 0;
    }
    Character c = INDEX.get(code);
    return c != null ? c : add(code);
  }

  /** The code of a number from {@link #of}; null for 0. */
  public static String code(char index) {
    return index == 0 ? null : byIndex[index];
  }

  private static synchronized char add(String code) {
    Character c = INDEX.get(code);
    if (c != null) {
      return c;
    }
    if (size >= CAPACITY) {
      throw new IllegalStateException("more than " + CAPACITY + " distinct city and occupation codes");
    }
    String[] table = byIndex;
    if (size == table.length) {
      table = Arrays.copyOf(table, table.length * 2);
    }
    char index = (char) size++;
    table[index] = code;
    byIndex = table; // publish the array after its slot is written
    INDEX.put(code, index);
    return index;
  }
}
