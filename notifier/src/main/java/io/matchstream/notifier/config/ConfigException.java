package io.matchstream.notifier.config;

/** A misconfiguration found at start; the message begins with the key at fault. */
public final class ConfigException extends IllegalArgumentException {
  private final String key;

  public ConfigException(String key, String problem) {
    super(key + " " + problem + " (environment: " + NotifierConfig.envName(key) + ")");
    this.key = key;
  }

  /** The option at fault, e.g. {@code receiver.ningbo.url}. */
  public String key() {
    return key;
  }
}
