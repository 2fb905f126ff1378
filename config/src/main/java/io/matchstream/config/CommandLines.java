package io.matchstream.config;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Builds every command line the same way: picocli with {@link EnvironmentDefaults} (command line
 * wins over environment wins over default), {@link Durations} for every {@link Duration} option,
 * and a bad option answered with one line naming it and exit code 2.
 */
public final class CommandLines {
  private CommandLines() {}

  /** Exit code of a bad command line or option value: nothing was started. */
  public static final int USAGE = CommandLine.ExitCode.USAGE;

  /** A command (an annotated object or a {@link CommandSpec}) reading the process's environment. */
  public static CommandLine create(Object command) {
    return create(command, System.getenv());
  }

  /** A command reading the given environment. */
  public static CommandLine create(Object command, Map<String, String> env) {
    CommandLine cmd = new CommandLine(command);
    cmd.setDefaultValueProvider(new EnvironmentDefaults(env));
    cmd.registerConverter(Duration.class, Durations::parse);
    cmd.setParameterExceptionHandler((ex, args) -> {
      PrintWriter err = ex.getCommandLine().getErr();
      err.println(ex.getCommandLine().getCommandName() + ": " + ex.getMessage() + " (see --help)");
      err.flush();
      return USAGE;
    });
    return cmd;
  }

  /** One documented option of a command: its key, environment variable and declared default. */
  public record Documented(String key, String envName, String defaultValue, List<String> aliases) {}

  /** The options of a command (not help or version) as a README documents them. */
  public static List<Documented> documented(CommandSpec spec) {
    List<Documented> out = new ArrayList<>();
    for (OptionSpec o : spec.options()) {
      if (o.usageHelp() || o.versionHelp()) {
        continue;
      }
      String key = EnvironmentDefaults.key(o);
      List<String> aliases = new ArrayList<>();
      for (String n : o.names()) {
        if (!n.equals("--" + key)) {
          aliases.add(n);
        }
      }
      out.add(new Documented(key, Keys.envName(key), o.defaultValue(), List.copyOf(aliases)));
    }
    return out;
  }
}
