package io.matchstream.notifier;

import io.matchstream.notifier.config.ConfigException;
import io.matchstream.notifier.config.NotifierConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar matchstream-notifier.jar [--key value]…}: runs until stopped. Every option can
 * also come from its {@code MATCHSTREAM_*} environment variable; the command line wins. Secrets
 * come from the environment only. See README.md for the keys.
 */
public final class NotifierMain {
  private NotifierMain() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options;
    NotifierConfig config;
    try {
      options = parse(args);
      if (options.containsKey("help")) {
        System.out.println("usage: matchstream-notifier [--key value]…  (keys and MATCHSTREAM_* variables: see README.md)");
        return;
      }
      config = NotifierConfig.from(options, System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("notifier: " + e.getMessage());
      System.exit(2);
      return;
    }
    if (config.receivers().isEmpty()) {
      System.err.println("notifier: no receivers configured (receivers, " + NotifierConfig.envName("receivers")
          + "); alerts are read and counted only");
    }
    Notifier notifier;
    try {
      notifier = Notifier.start(config);
    } catch (Exception e) {
      System.err.println("notifier did not start: " + e.getMessage());
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      notifier.close();
      stopped.countDown();
    }, "notifier-shutdown"));
    System.out.println("notifier running: " + config.receivers().size() + " receivers, metrics on port "
        + notifier.metricsPort());
    stopped.await();
  }

  /** {@code --key value} and {@code --key=value}; a bare {@code --help}. */
  static Map<String, String> parse(String[] args) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("--") || a.length() == 2) {
        throw new ConfigException(a, "is not an option: options are --key value");
      }
      String key = a.substring(2);
      if (key.equals("help")) {
        out.put("help", "true");
        continue;
      }
      int eq = key.indexOf('=');
      if (eq > 0) {
        out.put(key.substring(0, eq), key.substring(eq + 1));
      } else if (i + 1 < args.length) {
        out.put(key, args[++i]);
      } else {
        throw new ConfigException(key, "needs a value");
      }
    }
    return out;
  }
}
