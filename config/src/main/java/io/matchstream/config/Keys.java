package io.matchstream.config;

import java.util.Locale;

/**
 * Option keys and their environment variables. A key is dotted and lower-case
 * ({@code kafka.bootstrap-servers}, {@code http.port}); its environment variable is
 * {@code MATCHSTREAM_} + the key upper-cased with {@code .} and {@code -} turned into {@code _}
 * ({@code MATCHSTREAM_KAFKA_BOOTSTRAP_SERVERS}). On a command line the key is the option's name:
 * {@code --kafka.bootstrap-servers}.
 */
public final class Keys {
  private Keys() {}

  /** What every environment variable of the project starts with. */
  public static final String ENV_PREFIX = "MATCHSTREAM_";

  /** The environment variable of a key: {@code http.port} → {@code MATCHSTREAM_HTTP_PORT}. */
  public static String envName(String key) {
    return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }
}
