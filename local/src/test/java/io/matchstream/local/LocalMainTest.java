package io.matchstream.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.matchstream.config.CommandLines;
import io.matchstream.config.ReadmeTables;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The all-in-one's command line: keys, the environment, the older names, the README's table. */
class LocalMainTest {

    @Test
    void optionsComeFromTheCommandLineThenTheEnvironmentThenTheDefault() {
        LocalMain main = new LocalMain();
        CommandLines.create(main, Map.of("MATCHSTREAM_SIMULATOR_SEED", "7", "MATCHSTREAM_HTTP_PORT", "9000",
                "MATCHSTREAM_NO_CLOSED_LOOP", "true")).parseArgs("--port", "0", "--local.city", "suzhou");

        assertThat(main.port).isZero();
        assertThat(main.seed).isEqualTo(7);
        assertThat(main.noClosedLoop).isTrue();
        assertThat(main.city).isEqualTo("suzhou");
        assertThat(main.clockSpeed).isEqualTo(144);
    }

    @Test
    void theReadmeTableListsEveryOptionWithItsDefaultAndVariable() {
        List<ReadmeTables.Row> rows = ReadmeTables.table(ReadmeTables.repositoryFile("local/README.md"), "## Run");
        List<CommandLines.Documented> declared =
                CommandLines.documented(CommandLines.create(new LocalMain(), Map.of()).getCommandSpec());

        assertThat(rows.stream().map(r -> r.keys().get(0)).toList()).as("local/README.md options")
                .containsExactlyInAnyOrderElementsOf(declared.stream().map(CommandLines.Documented::key).toList());
        for (ReadmeTables.Row row : rows) {
            CommandLines.Documented d = declared.stream().filter(x -> x.key().equals(row.keys().get(0)))
                    .findFirst().orElseThrow();
            if (!row.defaultValues().isEmpty()) {
                assertThat(row.defaultValues()).as("default of %s", d.key()).containsExactly(d.defaultValue());
            }
            if (!d.key().equals("notifier") && !d.key().equals("flink")) {
                assertThat(row.environmentNames()).as("environment of %s", d.key()).containsExactly(d.envName());
            }
        }
    }
}
