package io.matchstream.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.matchstream.jobs.common.JobOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
  private static final Pattern CODE = Pattern.compile("`([^`]+)`");

  private final List<Row> rows = jobsTable(repositoryFile("README.md"));
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
      List<String> defaults = codeSpans(row.defaults());
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
      List<String> env = codeSpans(row.environment());
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

  /** One table row: its keys (expanded), its default cell and its environment cell. */
  record Row(List<String> keys, String defaults, String environment) {}

  /** The table after the README's "**Jobs**" line, up to the first line that is not a table row. */
  static List<Row> jobsTable(String readme) {
    List<Row> rows = new ArrayList<>();
    boolean inSection = false;
    boolean inTable = false;
    for (String line : readme.split("\n")) {
      if (line.startsWith("**Jobs**")) {
        inSection = true;
        continue;
      }
      if (!inSection) {
        continue;
      }
      if (!line.startsWith("|")) {
        if (inTable) {
          break;
        }
        continue;
      }
      inTable = true;
      String[] cells = line.split("\\|", -1);
      if (cells.length < 5 || cells[1].isBlank() || cells[1].trim().equals("key") || cells[1].contains("---")) {
        continue;
      }
      rows.add(new Row(expand(codeSpans(cells[1])), cells[2], cells[3]));
    }
    assertThat(rows).as("rows of README.md's Jobs table").isNotEmpty();
    return rows;
  }

  /** {@code match.weight.skills, .level} → {@code match.weight.skills, match.weight.level}. */
  private static List<String> expand(List<String> spans) {
    List<String> keys = new ArrayList<>();
    String prefix = "";
    for (String s : spans) {
      if (s.startsWith(".")) {
        keys.add(prefix + s);
      } else {
        keys.add(s);
        prefix = s.contains(".") ? s.substring(0, s.lastIndexOf('.')) : "";
      }
    }
    return keys;
  }

  private static List<String> codeSpans(String cell) {
    List<String> out = new ArrayList<>();
    Matcher m = CODE.matcher(cell);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
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
    return text;
  }

  /** A file at the repository's root (the tests run in the module's directory). */
  static String repositoryFile(String name) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve("mvnw")) && Files.exists(dir.resolve(name))) {
        try {
          return Files.readString(dir.resolve(name));
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    throw new IllegalStateException(name + " not found above " + Path.of("").toAbsolutePath());
  }
}
