package io.matchstream.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import io.matchstream.config.CommandLines;
import io.matchstream.config.ReadmeTables;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulatorMainTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return SimulatorMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void helpExitsZeroAndListsTheOptions() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("--bootstrap-servers", "--seed", "--clock-speed", "--rate", "--duration", "--count",
            "--cities", "--cities-file", "--poison-rate", "--print")
        .doesNotContain("--embedded");
  }

  @Test
  void aPoisonRateAboveOneExitsTwoNamingTheOption() {
    assertThat(run("--poison-rate", "2", "--print")).isEqualTo(2);
    assertThat(err()).contains("--simulator.poison-rate").doesNotContain("Exception").hasLineCount(1);
  }

  @Test
  void aSeedThatIsNotANumberExitsTwoNamingTheOption() {
    assertThat(run("--seed", "abc")).isEqualTo(2);
    assertThat(err()).contains("--simulator.seed").contains("abc").doesNotContain("at io.").hasLineCount(1);
  }

  @Test
  void anUnknownCityExitsTwoNamingIt() {
    assertThat(run("--cities", "ningbo,atlantis", "--print", "--count", "1")).isEqualTo(2);
    assertThat(err()).contains("--simulator.cities").contains("atlantis");
  }

  @Test
  void aMalformedDurationExitsTwo() {
    assertThat(run("--duration", "a week", "--print")).isEqualTo(2);
    assertThat(err()).contains("--simulator.duration");
  }

  @Test
  void anUnknownOptionExitsTwo() {
    assertThat(run("--speed", "3")).isEqualTo(2);
    assertThat(err()).contains("--speed");
  }

  @Test
  void printWritesTheRequestedNumberOfJsonLines() {
    assertThat(run("--print", "--count", "5", "--cities", "ningbo")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8).lines().toList())
        .hasSize(5)
        .allSatisfy(line -> assertThat(line).startsWith("{\"eventId\":"));
  }

  @Test
  void optionsAreNamedByKeyAndComeFromTheEnvironmentWhenNotGiven() {
    assertThat(SimulatorMain.run(new String[] {"--print", "--simulator.cities", "ningbo"},
        Map.of("MATCHSTREAM_SIMULATOR_COUNT", "3", "MATCHSTREAM_SIMULATOR_SEED", "7"),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)))
        .isZero();
    List<String> fromEnv = out.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(fromEnv).hasSize(3);

    out.reset();
    assertThat(run("--print", "--cities", "ningbo", "--simulator.count", "3", "--seed", "7")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8).lines().toList()).isEqualTo(fromEnv);
  }

  @Test
  void theReadmeTableListsEveryOptionWithItsDefaultAndVariable() {
    List<ReadmeTables.Row> rows = ReadmeTables.table(ReadmeTables.repositoryFile("simulator/README.md"), "## Options");
    List<CommandLines.Documented> declared =
        CommandLines.documented(CommandLines.create(new SimulatorMain(), Map.of()).getCommandSpec());

    assertThat(ReadmeTables.keys(rows)).as("simulator/README.md keys")
        .containsExactlyInAnyOrderElementsOf(declared.stream().map(CommandLines.Documented::key).toList());
    for (ReadmeTables.Row row : rows) {
      CommandLines.Documented d = declared.stream().filter(x -> x.key().equals(row.keys().get(0))).findFirst().orElseThrow();
      if (!row.defaultValues().isEmpty()) {
        assertThat(row.defaultValues()).as("default of %s", d.key()).containsExactly(d.defaultValue());
      } else {
        assertThat(d.defaultValue()).as("a default the README does not state, of %s", d.key()).isNull();
      }
      assertThat(row.environmentNames()).as("environment of %s", d.key()).containsExactly(d.envName());
    }
  }
}
