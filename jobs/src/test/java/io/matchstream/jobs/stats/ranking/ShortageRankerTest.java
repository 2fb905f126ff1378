package io.matchstream.jobs.stats.ranking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.matchstream.events.CityStats.OccupationFigure;
import io.matchstream.events.ShortageRanking;
import io.matchstream.jobs.stats.ranking.TopList.Line;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShortageRankerTest {
  private static final String WELDER = "6-18-02-04";
  private static final String LATHE = "6-18-01-01";
  private static final String ROBOT_OPERATOR = "6-30-99-00";
  private static final String CNC = "6-18-01-07";

  private static OccupationFigure figure(String code, long demand, long seekers) {
    return new OccupationFigure(code, demand, seekers, seekers == 0 ? null : (double) demand / seekers);
  }

  @Test
  void aCityListsOnlyOccupationsWithMoreVacanciesThanSeekersByGapTiesByCode() {
    List<Line> top = ShortageRanker.cityTop(List.of(
        figure(WELDER, 420, 150), // gap 270
        figure(CNC, 100, 130), // no shortage
        figure(LATHE, 300, 30), // gap 270, ties with welders: the code decides
        figure(ROBOT_OPERATOR, 40, 0), // gap 40, no seekers at all
        figure("6-01-01-01", 10, 10))); // no gap

    assertThat(top).extracting(Line::code, Line::gap)
        .containsExactly(tuple(LATHE, 270L), tuple(WELDER, 270L), tuple(ROBOT_OPERATOR, 40L));
  }

  @Test
  void aCityReportsAtMostItsTopTwenty() {
    List<OccupationFigure> many = new ArrayList<>();
    for (int i = 0; i < 30; i++) many.add(figure(String.format("6-18-01-%02d", i), 100 + i, 0));

    List<Line> top = ShortageRanker.cityTop(many);

    assertThat(top).hasSize(ShortageRanking.CITY_TOP);
    assertThat(top.get(0).code()).isEqualTo("6-18-01-29");
    assertThat(top.get(19).code()).isEqualTo("6-18-01-10");
  }

  @Test
  void nationallyAnOccupationListedByManyCitiesOutranksALargerGapInOneCity() {
    // Welders: gap 100 in each of three cities (300 in all, × 3 cities = 900). Lathe operators:
    // gap 500 in Ningbo alone (× 1 = 500). Unweighted, lathe operators would lead.
    Map<String, List<Line>> lists = Map.of(
        "ningbo", List.of(new Line(LATHE, 520, 20), new Line(WELDER, 150, 50)),
        "suzhou", List.of(new Line(WELDER, 130, 30)),
        "tangshan", List.of(new Line(WELDER, 110, 10), new Line(CNC, 60, 10)));

    List<ShortageRanker.NationalLine> national = ShortageRanker.national(lists);

    assertThat(national).extracting(n -> n.line().code(), ShortageRanker.NationalLine::cities,
            n -> n.line().gap(), ShortageRanker.NationalLine::score)
        .containsExactly(tuple(WELDER, 3, 300L, 900L), tuple(LATHE, 1, 500L, 500L), tuple(CNC, 1, 50L, 50L));
    ShortageRanker.NationalLine welders = national.get(0);
    assertThat(welders.line().demand()).isEqualTo(390);
    assertThat(welders.line().seekers()).isEqualTo(90);
    // Typical cities: largest gap first; Ningbo and Suzhou tie at 100, then by id.
    assertThat(welders.typicalCities()).containsExactly("ningbo", "suzhou", "tangshan");
  }

  @Test
  void theNationalListIsTheSameWhateverOrderTheCitiesComeIn() {
    Map<String, List<Line>> a = new java.util.LinkedHashMap<>();
    a.put("suzhou", List.of(new Line(WELDER, 200, 100)));
    a.put("ningbo", List.of(new Line(LATHE, 200, 100)));
    Map<String, List<Line>> b = new java.util.LinkedHashMap<>();
    b.put("ningbo", a.get("ningbo"));
    b.put("suzhou", a.get("suzhou"));

    assertThat(ShortageRanker.national(a)).isEqualTo(ShortageRanker.national(b));
    // Equal scores: the code decides.
    assertThat(ShortageRanker.national(a)).extracting(n -> n.line().code()).containsExactly(LATHE, WELDER);
  }

  @Test
  void theNationalListHoldsAtMostOneHundred() {
    Map<String, List<Line>> lists = new java.util.HashMap<>();
    for (int c = 0; c < 10; c++) {
      List<Line> list = new ArrayList<>();
      for (int i = 0; i < 20; i++) list.add(new Line(String.format("6-%02d-%02d-01", c, i), 50 + i, 0));
      lists.put("city" + c, list);
    }

    assertThat(ShortageRanker.national(lists)).hasSize(ShortageRanking.NATIONAL_TOP);
  }

  @Test
  void rankChangesCompareWithEarlierRanksAndMarkNewEntries() {
    List<Line> today = List.of(new Line(WELDER, 300, 10), new Line(LATHE, 200, 10), new Line(CNC, 100, 10));
    Map<String, Integer> yesterday = ShortageRanker.ranks(List.of(new Line(LATHE, 1, 0), new Line(WELDER, 1, 0)));

    List<ShortageRanking.Entry> entries = ShortageRanker.cityEntries(today, yesterday, null);

    assertThat(entries).extracting(ShortageRanking.Entry::rank, ShortageRanking.Entry::occupationCode,
            ShortageRanking.Entry::rankYesterday, ShortageRanking.Entry::rankLastWeek)
        .containsExactly(tuple(1, WELDER, 2, null), tuple(2, LATHE, 1, null), tuple(3, CNC, null, null));
    assertThat(entries.get(0).gap()).isEqualTo(290);
    assertThat(entries.get(0).ratio()).isEqualTo(30.0);
  }

  @Test
  void aListSurvivesItsTextFormForState() {
    List<Line> lines = List.of(new Line(WELDER, 420, 150), new Line(ROBOT_OPERATOR, 40, 0));

    assertThat(TopList.decode(TopList.encode(lines))).isEqualTo(lines);
    assertThat(TopList.decode(TopList.encode(List.of()))).isEmpty();
  }
}
