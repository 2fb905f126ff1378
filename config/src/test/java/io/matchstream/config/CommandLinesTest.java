package io.matchstream.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

class CommandLinesTest {

  @Command(name = "sample", mixinStandardHelpOptions = true)
  static final class Sample implements Callable<Integer> {
    @Option(names = {"--kafka.bootstrap-servers", "--bootstrap-servers"}, defaultValue = "localhost:9092")
    String servers;

    @Option(names = "--http.port", defaultValue = "8080")
    int port;

    @Option(names = "--group.wait", defaultValue = "30 s")
    Duration wait;

    @Option(names = "--no-simulator")
    boolean noSimulator;

    @Override
    public Integer call() {
      return 0;
    }
  }

  @Test
  void commandLineWinsOverEnvironmentWinsOverDefault() {
    Sample s = new Sample();
    CommandLines.create(s, Map.of("MATCHSTREAM_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092", "MATCHSTREAM_HTTP_PORT", "9000"))
        .parseArgs("--http.port", "9100");

    assertThat(s.port).isEqualTo(9100);
    assertThat(s.servers).isEqualTo("kafka:9092");
    assertThat(s.wait).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void anAliasSetsTheSameKeyAndABlankVariableIsUnset() {
    Sample s = new Sample();
    CommandLines.create(s, Map.of("MATCHSTREAM_HTTP_PORT", " ", "MATCHSTREAM_NO_SIMULATOR", "true"))
        .parseArgs("--bootstrap-servers", "a:1");

    assertThat(s.servers).isEqualTo("a:1");
    assertThat(s.port).isEqualTo(8080);
    assertThat(s.noSimulator).isTrue();
  }

  @Test
  void durationsUseTheSharedSyntaxFromEitherSource() {
    Sample s = new Sample();
    CommandLines.create(s, Map.of("MATCHSTREAM_GROUP_WAIT", "PT1M")).parseArgs();
    assertThat(s.wait).isEqualTo(Duration.ofMinutes(1));

    Sample t = new Sample();
    CommandLines.create(t, Map.of()).parseArgs("--group.wait", "2 h");
    assertThat(t.wait).isEqualTo(Duration.ofHours(2));
  }

  @Test
  void aBadValueExitsWith2NamingTheOption() {
    StringWriter err = new StringWriter();
    CommandLine cmd = CommandLines.create(new Sample(), Map.of("MATCHSTREAM_GROUP_WAIT", "soon"));
    cmd.setErr(new PrintWriter(err));

    assertThat(cmd.execute()).isEqualTo(2);
    assertThat(err.toString()).contains("sample: ").contains("--group.wait").contains("'soon'");
  }

  @Test
  void documentsEachOptionByKeyWithItsVariableAndAliases() {
    CommandLine cmd = CommandLines.create(new Sample(), Map.of());

    assertThat(CommandLines.documented(cmd.getCommandSpec()))
        .contains(new CommandLines.Documented("kafka.bootstrap-servers", "MATCHSTREAM_KAFKA_BOOTSTRAP_SERVERS",
            "localhost:9092", java.util.List.of("--bootstrap-servers")))
        .extracting(CommandLines.Documented::key).doesNotContain("help", "version");
  }
}
