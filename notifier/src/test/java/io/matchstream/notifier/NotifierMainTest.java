package io.matchstream.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.matchstream.config.Durations;
import io.matchstream.config.ReadmeTables;
import io.matchstream.notifier.config.NotifierConfig;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The notifier's command line: keys as options, receivers' keys per name, the environment, the README. */
class NotifierMainTest {

  private static NotifierConfig config(Map<String, String> env, String... args) {
    CommandLine cmd = NotifierMain.commandLine(args, env);
    cmd.parseArgs(args);
    return NotifierConfig.from(NotifierMain.options(cmd.getCommandSpec()), env);
  }

  @Test
  void readsGlobalAndReceiverKeysTheCommandLineWinningOverTheEnvironment() {
    NotifierConfig c = config(
        Map.of("MATCHSTREAM_GROUP_WAIT", "1 min", "MATCHSTREAM_RECEIVER_OPS_CITIES", "ningbo",
            "MATCHSTREAM_HTTP_TIMEOUT", "3 s"),
        "--receivers", "ops", "--receiver.ops.type", "webhook", "--receiver.ops.url", "http://127.0.0.1:9/hook",
        "--http.timeout", "PT5S");

    assertThat(c.groupWait()).isEqualTo(Duration.ofMinutes(1));
    assertThat(c.httpTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.receivers()).singleElement().satisfies(r -> assertThat(r.cities()).containsExactly("ningbo"));
  }

  @Test
  void aSecretOnTheCommandLineIsRefusedNamingItsVariableButFromTheEnvironmentIsRead() {
    assertThatThrownBy(() -> config(Map.of(), "--receivers", "ops", "--receiver.ops.type", "wecom",
        "--receiver.ops.cities", "*", "--receiver.ops.token", "k"))
        .hasMessageContaining("MATCHSTREAM_RECEIVER_OPS_TOKEN");

    NotifierConfig c = config(Map.of("MATCHSTREAM_RECEIVER_OPS_TOKEN", "k"),
        "--receivers=ops", "--receiver.ops.type", "wecom", "--receiver.ops.cities", "*");
    assertThat(c.receivers().get(0).token()).isEqualTo("k");
  }

  @Test
  void anUnknownOptionOrAReceiverNotListedIsAnErrorNamingIt() {
    assertThatThrownBy(() -> config(Map.of(), "--group.wiat", "1 s"))
        .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("--group.wiat");
    assertThatThrownBy(() -> config(Map.of(), "--receiver.ops.type", "webhook"))
        .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("--receiver.ops.type");
  }

  @Test
  void theReadmeTableListsEveryKeyWithItsVariable() {
    List<ReadmeTables.Row> rows = ReadmeTables.table(ReadmeTables.repositoryFile("notifier/README.md"), "## Configuration");
    Set<String> expected = new LinkedHashSet<>(NotifierConfig.globalKeys());
    NotifierConfig.receiverKeys().forEach(k -> expected.add("receiver.<name>." + k));
    NotifierConfig.secretKeys().forEach(k -> expected.add("receiver.<name>." + k));

    assertThat(new LinkedHashSet<>(ReadmeTables.keys(rows))).isEqualTo(expected);
    NotifierConfig defaults = NotifierConfig.from(Map.of(), Map.of());
    for (ReadmeTables.Row row : rows) {
      assertThat(row.environmentNames()).as("environment of %s", row.keys())
          .containsExactlyElementsOf(row.keys().stream().map(NotifierConfig::envName).toList());
    }
    // The durations the table states are the defaults, in the shared syntax.
    ReadmeTables.Row timings = rows.stream().filter(r -> r.keys().contains("group.wait")).findFirst().orElseThrow();
    assertThat(timings.defaultValues().stream().map(Durations::parse).toList())
        .containsExactly(defaults.groupWait(), defaults.groupInterval(), defaults.repeatInterval());
  }
}
