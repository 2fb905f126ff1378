package io.matchstream.events;

/** Versions of the wire contract. A reader rejects versions it does not know. */
public final class SchemaVersion {
  /** The version this build writes and reads. */
  public static final int CURRENT = 1;

  private SchemaVersion() {}

  public static boolean isSupported(int version) {
    return version == CURRENT;
  }
}
