package io.matchstream.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.matchstream.config.ReadmeTables;
import io.matchstream.config.ReadmeTables.Row;
import io.matchstream.jobs.common.JobOptions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.util.TimeUtils;
import org.junit.jupiter.api.Test;

/**
 * The README's Jobs table (Configuration) against the options the jobs read: every documented key
 * exists, every option is documented, and the defaults and environment names it states are the
 * code's. Keys written as {@code `match.weight.skills` / `.level`} share the first key's prefix.
 */
class ReadmeOptionsTest {
  private final List<Row> rows = ReadmeTables.table(ReadmeTables.repositoryFile("README.md"), "**Jobs**");
  private final Map<String, ConfigOption<?>> options = JobsMain.knownOptions().stream()
      .collect(Collectors.toMap(ConfigOption::key, o -> o, (a, b) -> a, LinkedHashMap::new));

  @Test
  void everyKeyInTheReadmeIsAnOptionOfTheJobs() {
    Set<String> unknown = new LinkedHashSet<>(documentedKeys());
    unknown.removeAll(options.keySet());
    assertThat(unknown).as("keys in README.md's Jobs table that no job reads").isEmpty();
  }

  @Test
  void everyOptionOfTheJobsIsInTheReadme() {
    Set<String> undocumented = new LinkedHashSet<>(options.keySet());
    undocumented.removeAll(documentedKeys());
    assertThat(undocumented).as("options of the jobs missing from README.md's Jobs table").isEmpty();
  }

  @Test
  void theReadmeStatesTheCodesDefaultsAndEnvironmentNames() {
    for (Row row : rows) {
      List<String> defaults = row.defaultValues();
      // A cell without code spans ("none", a link) states no value to check.
      if (!defaults.isEmpty()) {
        assertThat(defaults).as("defaults of %s", row.keys()).hasSameSizeAs(row.keys());
        for (int i = 0; i < defaults.size(); i++) {
          String key = row.keys().get(i);
          if (options.containsKey(key)) {
            assertThat(parse(defaults.get(i), options.get(key).defaultValue()))
                .as("README default of %s", key).isEqualTo(options.get(key).defaultValue());
          }
        }
      }
      List<String> env = row.environmentNames();
      if (row.keys().size() == 1 && env.size() == 1) {
        assertThat(env.get(0)).as("environment name of %s", row.keys().get(0))
            .isEqualTo(JobOptions.envName(row.keys().get(0)));
      }
    }
  }

  private Set<String> documentedKeys() {
    Set<String> keys = new LinkedHashSet<>();
    rows.forEach(r -> keys.addAll(r.keys()));
    return keys;
  }

  private static Object parse(String text, Object like) {
    if (like instanceof Duration) {
      return TimeUtils.parseDuration(text);
    }
    if (like instanceof Double) {
      return Double.parseDouble(text);
    }
    if (like instanceof Integer) {
      return Integer.parseInt(text);
    }
    if (like instanceof Boolean) {
      return Boolean.parseBoolean(text);
    }
    if (like instanceof Enum<?> e) {
      return java.util.Arrays.stream(e.getDeclaringClass().getEnumConstants())
          .filter(c -> c.toString().equals(text)).findFirst().orElse(null);
    }
    return text;
  }
}
