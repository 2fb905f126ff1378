package io.matchstream.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
    assertThat(err()).contains("--poison-rate").doesNotContain("Exception").hasLineCount(1);
  }

  @Test
  void aSeedThatIsNotANumberExitsTwoNamingTheOption() {
    assertThat(run("--seed", "abc")).isEqualTo(2);
    assertThat(err()).contains("--seed").contains("abc").doesNotContain("at io.").hasLineCount(1);
  }

  @Test
  void anUnknownCityExitsTwoNamingIt() {
    assertThat(run("--cities", "ningbo,atlantis", "--print", "--count", "1")).isEqualTo(2);
    assertThat(err()).contains("--cities").contains("atlantis");
  }

  @Test
  void aMalformedDurationExitsTwo() {
    assertThat(run("--duration", "a week", "--print")).isEqualTo(2);
    assertThat(err()).contains("--duration");
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
}
