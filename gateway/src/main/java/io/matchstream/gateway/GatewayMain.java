package io.matchstream.gateway;

import io.matchstream.events.cities.CityRegistry;
import io.matchstream.gateway.auth.Tokens;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.matchstream.config.CommandLines;
import io.matchstream.config.EnvironmentDefaults;
import io.matchstream.gateway.history.HistoryConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * {@code GatewayMain serve} runs the gateway; {@code GatewayMain token} mints a viewer token.
 * {@code serve} takes every key of {@link GatewayConfig#keys()} as {@code --key value}, else from
 * its {@code MATCHSTREAM_*} variable, else the default (the convention of every command,
 * {@link CommandLines}); the older flags {@code --host}, {@code --port}, {@code --bootstrap-servers},
 * {@code --dev-mode}, {@code --dashboards-dir} and {@code --allowed-origins} are aliases.
 */
@Command(
    name = "matchstream-gateway",
    mixinStandardHelpOptions = true,
    subcommands = {GatewayMain.Token.class})
public final class GatewayMain {
  public static void main(String[] args) {
    System.exit(commandLine(System.getenv()).execute(args));
  }

  /** The command line, {@code serve} with an option per key, reading the given environment. */
  static CommandLine commandLine(Map<String, String> env) {
    CommandLine cmd = new CommandLine(new GatewayMain());
    cmd.addSubcommand("serve", new CommandLine(Serve.spec(new Serve())));
    return CommandLines.create(cmd.getCommandSpec(), env);
  }

  /** Shorter names the gateway's command line took before every option was named by its key. */
  static final Map<String, String> ALIASES = Map.of(
      "http.host", "--host",
      "http.port", "--port",
      "kafka.bootstrap-servers", "--bootstrap-servers",
      "dev-mode", "--dev-mode",
      "dashboards.dir", "--dashboards-dir",
      "allowed-origins", "--allowed-origins");

  /** Keys that are secrets: from the environment only, never a command-line argument. */
  static final java.util.Set<String> SECRETS = java.util.Set.of("jwt.secret", "metrics.token");

  static final class Serve implements Callable<Integer> {
    CommandSpec spec;

    static CommandSpec spec(Serve serve) {
      CommandSpec spec = CommandSpec.wrapWithoutInspection(serve);
      serve.spec = spec;
      spec.name("serve");
      spec.mixinStandardHelpOptions(true);
      spec.usageMessage().description("Run the gateway. Every option can also come from its MATCHSTREAM_* "
          + "variable; the command line wins. Keys and meanings: gateway/README.md.");
      for (GatewayConfig.Key key : GatewayConfig.keys()) {
        if (SECRETS.contains(key.key())) {
          continue;
        }
        List<String> names = new ArrayList<>();
        names.add("--" + key.key());
        if (ALIASES.containsKey(key.key())) {
          names.add(ALIASES.get(key.key()));
        }
        OptionSpec.Builder o = OptionSpec.builder(names.toArray(String[]::new)).type(String.class)
            .paramLabel("VALUE")
            .description("default " + (key.defaultValue() == null ? "none" : key.defaultValue())
                + "; env " + GatewayConfig.envName(key.key()));
        if (key.key().equals("dev-mode")) {
          o.arity("0..1").fallbackValue("true");
        }
        spec.addOption(o.build());
      }
      return spec;
    }

    /** The deployment config: every option that has a value from the command line or environment. */
    JsonObject config() {
      JsonObject config = new JsonObject();
      for (OptionSpec o : spec.options()) {
        if (o.usageHelp() || o.versionHelp()) {
          continue;
        }
        String v = o.getValue();
        if (v != null) {
          config.put(EnvironmentDefaults.key(o), v);
        }
      }
      return config;
    }

    @Override
    public Integer call() throws Exception {
      JsonObject config = config();
      try {
        GatewayConfig.from(config);
        HistoryConfig.from(config);
      } catch (IllegalArgumentException e) {
        spec.commandLine().getErr().println("matchstream-gateway: " + e.getMessage());
        return CommandLines.USAGE;
      }

      PrometheusMeterRegistry registry = GatewayMetrics.newRegistry();
      Vertx vertx = Vertx.builder()
          .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)))
          .withMetrics(new MicrometerMetricsFactory(registry))
          .build();
      CountDownLatch stopped = new CountDownLatch(1);
      Gateway gateway;
      try {
        gateway = Gateway.deploy(vertx, config, new GatewayMetrics(registry)).await();
      } catch (Exception e) {
        System.err.println("gateway did not start: " + e.getMessage());
        vertx.close().await();
        return 2;
      }
      System.out.println("gateway listening on port " + gateway.port());
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        gateway.close().eventually(vertx::close).onComplete(r -> stopped.countDown());
        try {
          stopped.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }));
      stopped.await();
      return 0;
    }
  }

  @Command(name = "token", description = "Mint a token (a viewer unless --scope) with the key in MATCHSTREAM_JWT_SECRET.")
  static final class Token implements Callable<Integer> {
    @Option(names = "--role", required = true, description = "ministry or city") String role;
    @Option(names = "--city", description = "the city id, for role city") String city;
    @Option(names = "--sub", description = "viewer id (default: the role, or city-<id>)") String sub;
    @Option(names = "--ttl", defaultValue = "PT8H", description = "lifetime, e.g. 8 h or PT8H (default PT8H; at most jwt.max-ttl, default PT24H)") Duration ttl;
    @Option(names = "--scope", split = ",", description = "capabilities beyond reading, e.g. write:outcomes (default: none, a viewer)") java.util.Set<String> scopes = java.util.Set.of();

    @Override
    public Integer call() {
      String secret = System.getenv(GatewayConfig.envName("jwt.secret"));
      if (secret == null) {
        System.err.println("set " + GatewayConfig.envName("jwt.secret") + " to the gateway's key");
        return 2;
      }
      Vertx vertx = Vertx.vertx();
      try {
        Tokens tokens = Tokens.withSecret(vertx, secret, CityRegistry.loadDefault(),
            GatewayConfig.maxTtlFromEnvironment());
        String token =
            switch (role) {
              case "ministry" -> tokens.ministry(sub != null ? sub : "ministry", ttl, scopes);
              case "city" -> {
                if (city == null) throw new IllegalArgumentException("--city is required for role city");
                yield tokens.city(sub != null ? sub : "city-" + city, city, ttl, scopes);
              }
              default -> throw new IllegalArgumentException("--role must be ministry or city");
            };
        System.out.println(token);
        return 0;
      } catch (IllegalArgumentException e) {
        System.err.println(e.getMessage());
        return 2;
      } finally {
        vertx.close();
      }
    }
  }
}
