package io.matchstream.bench;

import io.matchstream.config.CommandLines;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The benchmarks' command lines, by the convention of every command ({@link CommandLines}):
 * named options ({@code --days 7}), each also from its {@code MATCHSTREAM_*} variable, the
 * command line first; {@code --help} lists them; a bad one exits with code 2 naming it.
 */
public final class BenchOptions {
  private BenchOptions() {}

  /** Fills {@code options} (a picocli {@code @Command} with {@code @Option} fields) from {@code args}. */
  public static <T> T parse(T options, String[] args) {
    CommandLine cmd = CommandLines.create(options);
    try {
      ParseResult parsed = cmd.parseArgs(args);
      if (CommandLine.printHelpIfRequested(parsed)) {
        System.exit(0);
      }
      return options;
    } catch (ParameterException e) {
      System.err.println(cmd.getCommandName() + ": " + e.getMessage() + " (see --help)");
      System.exit(CommandLines.USAGE);
      return options;
    }
  }
}
