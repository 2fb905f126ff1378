package io.matchstream.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.matchstream.config.Durations;
import io.matchstream.config.ReadmeTables;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The gateway's command line: every key as {@code --key}, the environment, the older aliases, the README. */
class GatewayMainTest {

  private static GatewayMain.Serve parse(Map<String, String> env, String... args) {
    CommandLine cmd = GatewayMain.commandLine(env);
    String[] all = new String[args.length + 1];
    all[0] = "serve";
    System.arraycopy(args, 0, all, 1, args.length);
    cmd.parseArgs(all);
    return cmd.getSubcommands().get("serve").getCommand();
  }

  @Test
  void everyKeyIsAnOptionTheCommandLineWinningOverTheEnvironment() {
    GatewayMain.Serve serve = parse(
        Map.of("MATCHSTREAM_HTTP_PORT", "9000", "MATCHSTREAM_LIMITS_FRAME_BYTES", "1024"),
        "--http.port", "9100", "--resume.read-back-timeout", "3 s", "--history.days", "30");

    JsonObject config = serve.config();
    assertThat(config.getString("http.port")).isEqualTo("9100");
    assertThat(config.getString("limits.frame-bytes")).isEqualTo("1024");
    GatewayConfig cfg = GatewayConfig.from(config, Map.of());
    assertThat(cfg.port()).isEqualTo(9100);
    assertThat(cfg.maxFrameBytes()).isEqualTo(1024);
    assertThat(cfg.readBackTimeout()).hasSeconds(3);
    assertThat(config.getString("history.days")).isEqualTo("30");
  }

  @Test
  void theOlderFlagsAreAliasesOfTheirKeys() {
    GatewayMain.Serve serve = parse(Map.of(), "--host", "0.0.0.0", "--port", "0", "--bootstrap-servers", "k:9092",
        "--dev-mode", "--allowed-origins", "http://a,http://b", "--dashboards-dir", "/srv/web");

    GatewayConfig cfg = GatewayConfig.from(serve.config(), Map.of());
    assertThat(cfg.host()).isEqualTo("0.0.0.0");
    assertThat(cfg.port()).isZero();
    assertThat(cfg.bootstrapServers()).isEqualTo("k:9092");
    assertThat(cfg.devMode()).isTrue();
    assertThat(cfg.allowedOrigins()).containsExactly("http://a", "http://b");
    assertThat(cfg.dashboardsDir()).isEqualTo("/srv/web");
  }

  @Test
  void aBadValueOrAnUnknownOptionExitsWith2NamingIt() {
    StringWriter err = new StringWriter();
    CommandLine cmd = GatewayMain.commandLine(Map.of());
    cmd.setErr(new PrintWriter(err, true));
    cmd.getSubcommands().get("serve").setErr(new PrintWriter(err, true));

    assertThat(cmd.execute("serve", "--http.port", "http")).isEqualTo(2);
    assertThat(err.toString()).contains("http.port");
    assertThat(cmd.execute("serve", "--http.prot", "1")).isEqualTo(2);
    assertThat(err.toString()).contains("--http.prot");
  }

  @Test
  void secretsAreNotCommandLineOptions() {
    CommandLine serve = GatewayMain.commandLine(Map.of()).getSubcommands().get("serve");

    assertThat(serve.getCommandSpec().findOption("jwt.secret")).isNull();
    assertThat(serve.getCommandSpec().findOption("metrics.token")).isNull();
  }

  @Test
  void theReadmeTableListsEveryKeyWithItsDefaultAndVariable() {
    List<ReadmeTables.Row> rows = ReadmeTables.table(ReadmeTables.repositoryFile("gateway/README.md"), "## Configuration");
    Map<String, String> defaults = GatewayConfig.keys().stream()
        .collect(Collectors.toMap(GatewayConfig.Key::key, k -> String.valueOf(k.defaultValue())));

    Set<String> documented = new LinkedHashSet<>(ReadmeTables.keys(rows));
    assertThat(documented).as("gateway/README.md keys").isEqualTo(defaults.keySet());
    for (ReadmeTables.Row row : rows) {
      List<String> values = row.defaultValues();
      if (!values.isEmpty()) {
        assertThat(values).as("defaults of %s", row.keys()).hasSameSizeAs(row.keys());
        for (int i = 0; i < values.size(); i++) {
          String key = row.keys().get(i);
          String code = defaults.get(key);
          String doc = values.get(i);
          if (code.startsWith("P")) {
            assertThat(Durations.parse(doc)).as("README default of %s", key).isEqualTo(Durations.parse(code));
          } else {
            assertThat(doc).as("README default of %s", key).isEqualTo(code);
          }
        }
      }
      assertThat(row.environmentNames()).as("environment of %s", row.keys())
          .containsExactlyElementsOf(row.keys().stream().map(GatewayConfig::envName).toList());
    }
  }

  @Test
  void theRootReadmesGatewayTableNamesOnlyKeysTheGatewayReadsAndCoversThemAll() {
    List<ReadmeTables.Row> rows = ReadmeTables.table(ReadmeTables.repositoryFile("README.md"), "**Gateway**");
    Map<String, String> defaults = GatewayConfig.keys().stream()
        .collect(Collectors.toMap(GatewayConfig.Key::key, k -> String.valueOf(k.defaultValue())));

    Set<String> covered = new LinkedHashSet<>();
    for (ReadmeTables.Row row : rows) {
      for (String key : row.keys()) {
        if (key.endsWith(".*")) {
          String prefix = key.substring(0, key.length() - 1);
          Set<String> matched = defaults.keySet().stream().filter(k -> k.startsWith(prefix)).collect(Collectors.toSet());
          assertThat(matched).as("keys under %s", key).isNotEmpty();
          covered.addAll(matched);
        } else {
          assertThat(defaults).as("README.md's Gateway table").containsKey(key);
          covered.add(key);
        }
      }
      if (row.keys().size() == 1 && !row.keys().get(0).endsWith(".*")) {
        String key = row.keys().get(0);
        assertThat(row.environmentNames()).as("environment of %s", key).containsExactly(GatewayConfig.envName(key));
        if (!row.defaultValues().isEmpty()) {
          String code = defaults.get(key);
          String doc = row.defaultValues().get(0);
          assertThat(code.startsWith("P") ? Durations.parse(doc).equals(Durations.parse(code)) : doc.equals(code))
              .as("README.md default of %s: %s, the code's %s", key, doc, code).isTrue();
        }
      }
    }
    assertThat(covered).as("gateway keys the root README covers").isEqualTo(defaults.keySet());
  }
}
