package io.matchstream.events.codec;

import static io.matchstream.events.Fixtures.aNingboRanking;
import static org.assertj.core.api.Assertions.assertThat;

import io.matchstream.events.ShortageRanking;
import io.matchstream.events.cities.CityRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RankingValidatorTest {
  private static final CityRegistry CITIES = CityRegistry.loadDefault();

  private static ShortageRanking with(String cityId, String day, List<ShortageRanking.Entry> entries) {
    ShortageRanking r = aNingboRanking();
    return new ShortageRanking(cityId, r.eventId(), r.eventTime(), r.schemaVersion(), day, r.revision(), r.isFinal(),
        r.citiesReporting(), r.yesterday(), r.lastWeek(), entries);
  }

  private static List<ShortageRanking.Entry> entries(int n) {
    List<ShortageRanking.Entry> out = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      out.add(new ShortageRanking.Entry(i, String.format("6-18-%02d-%02d", i / 100, i % 100), 100, 10, 90, 10.0, 1, 90,
          null, null, null));
    }
    return out;
  }

  @Test
  void aWellFormedRankingHasNoProblem() {
    assertThat(RankingValidator.problem(aNingboRanking(), CITIES)).isNull();
    assertThat(RankingValidator.problem(with(ShortageRanking.NATIONAL, "2026-03-02", entries(100)), CITIES)).isNull();
  }

  @Test
  void eachDefectIsNamed() {
    ShortageRanking r = aNingboRanking();
    assertThat(RankingValidator.problem(with("atlantis", r.day(), r.entries()), CITIES)).contains("unknown city");
    assertThat(RankingValidator.problem(with(null, r.day(), r.entries()), CITIES)).contains("'cityId'");
    assertThat(RankingValidator.problem(with("ningbo", "2 March", r.entries()), CITIES)).contains("'day'");
    assertThat(RankingValidator.problem(with("ningbo", r.day(), null), CITIES)).contains("'entries'");
    // A city lists 20 at most, the nation 100.
    assertThat(RankingValidator.problem(with("ningbo", r.day(), entries(21)), CITIES)).contains("limit 20");
    assertThat(RankingValidator.problem(with(ShortageRanking.NATIONAL, r.day(), entries(101)), CITIES)).contains("limit 100");
    List<ShortageRanking.Entry> skipped = new ArrayList<>(entries(3));
    skipped.remove(1);
    assertThat(RankingValidator.problem(with("ningbo", r.day(), skipped), CITIES)).contains("entry 2 has rank 3");
    List<ShortageRanking.Entry> repeated = new ArrayList<>(entries(2));
    ShortageRanking.Entry first = repeated.get(0);
    repeated.set(1, new ShortageRanking.Entry(2, first.occupationCode(), 1, 0, 1, null, 1, 1, null, null, null));
    assertThat(RankingValidator.problem(with("ningbo", r.day(), repeated), CITIES)).contains("repeated occupationCode");
    List<ShortageRanking.Entry> noGap = List.of(new ShortageRanking.Entry(1, "6-18-02-04", 10, 10, 0, 1.0, 1, 0, null, null, null));
    assertThat(RankingValidator.problem(with("ningbo", r.day(), noGap), CITIES)).contains("out of range");
  }
}
