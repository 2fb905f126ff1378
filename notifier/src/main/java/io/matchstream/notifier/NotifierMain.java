package io.matchstream.notifier;

import io.matchstream.config.CommandLines;
import io.matchstream.config.EnvironmentDefaults;
import io.matchstream.notifier.config.NotifierConfig;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code java -jar matchstream-notifier.jar [--key value]…}: runs until stopped. Every key of
 * README.md is an option {@code --key}, and can also come from its {@code MATCHSTREAM_*}
 * environment variable; the command line wins (the convention of every command,
 * {@link CommandLines}). A receiver's keys ({@code --receiver.<name>.url} …) are options for each
 * name in {@code receivers}. Secrets come from the environment only.
 */
public final class NotifierMain {
  private NotifierMain() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> env = System.getenv();
    CommandLine cmd = commandLine(args, env);
    NotifierConfig config;
    try {
      ParseResult parsed = cmd.parseArgs(args);
      if (CommandLine.printHelpIfRequested(parsed)) {
        return;
      }
      config = NotifierConfig.from(options(cmd.getCommandSpec()), env);
    } catch (CommandLine.ParameterException e) {
      System.exit(cmd.getParameterExceptionHandler().handleParseException(e, args));
      return;
    } catch (IllegalArgumentException e) {
      System.err.println("notifier: " + e.getMessage());
      System.exit(CommandLines.USAGE);
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

  /**
   * The command line: an option per global key, and per key of each receiver named by
   * {@code --receivers} (or {@code MATCHSTREAM_RECEIVERS}). The secrets are options too, so that
   * giving one is answered by the configuration's "comes from the environment only".
   */
  static CommandLine commandLine(String[] args, Map<String, String> env) {
    CommandSpec spec = CommandSpec.create().name("matchstream-notifier");
    spec.mixinStandardHelpOptions(true);
    spec.usageMessage().description("Alert changes to webhooks and WeCom/DingTalk/Feishu robots. Keys, defaults "
        + "and MATCHSTREAM_* variables: notifier/README.md.");
    for (String key : NotifierConfig.globalKeys()) {
      spec.addOption(option(key));
    }
    for (String name : receiverNames(args, env)) {
      for (String key : NotifierConfig.receiverKeys()) {
        spec.addOption(option("receiver." + name + "." + key));
      }
      for (String key : NotifierConfig.secretKeys()) {
        spec.addOption(option("receiver." + name + "." + key));
      }
    }
    CommandLine cmd = CommandLines.create(spec, env);
    cmd.setErr(new PrintWriter(System.err, true));
    return cmd;
  }

  private static OptionSpec option(String key) {
    return OptionSpec.builder("--" + key).type(String.class).paramLabel("VALUE")
        .description("env " + NotifierConfig.envName(key)).build();
  }

  /**
   * The options as the configuration reads them: each given on the command line or (but the
   * secrets, which the configuration reads from the environment itself) from its variable.
   */
  static Map<String, String> options(CommandSpec spec) {
    Map<String, String> out = new LinkedHashMap<>();
    ParseResult parsed = spec.commandLine().getParseResult();
    for (OptionSpec o : spec.options()) {
      if (o.usageHelp() || o.versionHelp()) {
        continue;
      }
      String key = EnvironmentDefaults.key(o);
      boolean secret = NotifierConfig.secretKeys().stream().anyMatch(s -> key.startsWith("receiver.") && key.endsWith("." + s));
      if (secret && (parsed == null || !parsed.hasMatchedOption(o))) {
        continue;
      }
      String v = o.getValue();
      if (v != null) {
        out.put(key, v);
      }
    }
    return out;
  }

  /** The receiver names a command line gives ({@code --receivers a,b} or {@code --receivers=a,b}), else the environment's. */
  static List<String> receiverNames(String[] args, Map<String, String> env) {
    String value = env.get(NotifierConfig.envName("receivers"));
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--receivers") && i + 1 < args.length) {
        value = args[i + 1];
      } else if (args[i].startsWith("--receivers=")) {
        value = args[i].substring("--receivers=".length());
      }
    }
    List<String> names = new ArrayList<>();
    if (value != null) {
      for (String n : value.split(",")) {
        if (!n.isBlank() && !names.contains(n.trim())) {
          names.add(n.trim());
        }
      }
    }
    return names;
  }
}
