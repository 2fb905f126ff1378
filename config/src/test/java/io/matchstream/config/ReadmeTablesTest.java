package io.matchstream.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReadmeTablesTest {
  private static final String README = """
      # A module

      **Jobs** (how to run)

      | key | default | environment | meaning |
      |---|---|---|---|
      | `match.weight.skills` / `.level` | `0.55` / `0.15` | `MATCHSTREAM_MATCH_WEIGHT_…` | weights |
      | `--http.port` | `8080` | `MATCHSTREAM_HTTP_PORT` | port |

      after the table
      | `not.this` | `1` | `X` | y |
      """;

  @Test
  void readsTheRowsOfTheTableAfterTheMarkerExpandingSharedPrefixes() {
    List<ReadmeTables.Row> rows = ReadmeTables.table(README, "**Jobs**");

    assertThat(ReadmeTables.keys(rows)).containsExactly("match.weight.skills", "match.weight.level", "http.port");
    assertThat(rows.get(0).defaultValues()).containsExactly("0.55", "0.15");
    assertThat(rows.get(1).environmentNames()).containsExactly("MATCHSTREAM_HTTP_PORT");
  }

  @Test
  void aMissingTableIsAnError() {
    assertThatThrownBy(() -> ReadmeTables.table(README, "**Gateway**")).hasMessageContaining("**Gateway**");
  }
}
