package io.matchstream.events;

/** A reference-data file (taxonomy, cities) that cannot be used; the message names file, line and reason. */
public final class ReferenceDataException extends RuntimeException {
  public ReferenceDataException(String source, long line, String reason) {
    super(source + ":" + line + ": " + reason);
  }

  public ReferenceDataException(String source, String reason, Throwable cause) {
    super(source + ": " + reason, cause);
  }
}
