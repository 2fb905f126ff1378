package io.matchstream.config;

import java.util.Map;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The default provider of every command line: an option not given on the command line takes the
 * value of its environment variable ({@link Keys#envName} of its key), and without one the
 * default it declares. An option's key is its longest name without the dashes
 * ({@code --kafka.bootstrap-servers}); other names are aliases of the same key. A blank
 * variable counts as unset. Help and version options, and {@code KEY=VALUE} map options (whose
 * entries have variables of their own), are not read from the environment.
 */
public final class EnvironmentDefaults implements IDefaultValueProvider {
  private final Map<String, String> env;

  public EnvironmentDefaults(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  /** The process's environment. */
  public static EnvironmentDefaults fromSystem() {
    return new EnvironmentDefaults(System.getenv());
  }

  @Override
  public String defaultValue(ArgSpec arg) {
    if (!(arg instanceof OptionSpec option) || option.usageHelp() || option.versionHelp()
        || Map.class.isAssignableFrom(option.type())) {
      return null;
    }
    String value = env.get(Keys.envName(key(option)));
    return value == null || value.isBlank() ? null : value.trim();
  }

  /**
   * An option's key: its longest name without the leading dashes (of two as long, the dotted one:
   * {@code --dashboards.dir} over {@code --dashboards-dir}).
   */
  public static String key(OptionSpec option) {
    String name = option.longestName();
    for (String n : option.names()) {
      if (n.length() == name.length() && n.contains(".")) {
        name = n;
      }
    }
    int i = 0;
    while (i < name.length() && name.charAt(i) == '-') {
      i++;
    }
    return name.substring(i);
  }
}
