package io.matchstream.gateway;

import io.matchstream.events.cities.CityRegistry;
import io.matchstream.gateway.auth.Tokens;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code GatewayMain serve} runs the gateway; {@code GatewayMain token} mints a viewer token. */
@Command(
    name = "matchstream-gateway",
    mixinStandardHelpOptions = true,
    subcommands = {GatewayMain.Serve.class, GatewayMain.Token.class})
public final class GatewayMain {
  public static void main(String[] args) {
    System.exit(new CommandLine(new GatewayMain()).execute(args));
  }

  @Command(name = "serve", description = "Run the gateway. Options not given here come from MATCHSTREAM_* variables.")
  static final class Serve implements Callable<Integer> {
    @Option(names = "--host", description = "http.host (default 127.0.0.1)") String host;
    @Option(names = "--port", description = "http.port (default 8080; 0 = a free port)") Integer port;
    @Option(names = "--bootstrap-servers", description = "kafka.bootstrap-servers") String bootstrap;
    @Option(names = "--dev-mode", description = "use the built-in development key (loopback only)") Boolean devMode;
    @Option(names = "--dashboards-dir", description = "serve the dashboards from this directory") String dashboardsDir;
    @Option(names = "--allowed-origins", split = ",", description = "Origins allowed at the websocket handshake") String[] origins;

    @Override
    public Integer call() throws Exception {
      JsonObject config = new JsonObject();
      if (host != null) config.put("http.host", host);
      if (port != null) config.put("http.port", port);
      if (bootstrap != null) config.put("kafka.bootstrap-servers", bootstrap);
      if (devMode != null) config.put("dev-mode", devMode);
      if (dashboardsDir != null) config.put("dashboards.dir", dashboardsDir);
      if (origins != null) config.put("allowed-origins", String.join(",", origins));

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
    @Option(names = "--ttl", defaultValue = "PT8H", description = "lifetime, ISO-8601 (default PT8H; at most jwt.max-ttl, default PT24H)") Duration ttl;
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
