package io.matchstream.events.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.matchstream.events.AlertType;
import io.matchstream.events.Ids;
import org.junit.jupiter.api.Test;

class IdsTest {
  @Test
  void matchIdIsAFunctionOfThePairOnly() {
    assertThat(Ids.matchId("vac-aaaaaa", "cand-bbbbbb")).isEqualTo(Ids.matchId("vac-aaaaaa", "cand-bbbbbb"));
    assertThat(Ids.matchId("vac-aaaaaa", "cand-bbbbbb")).isNotEqualTo(Ids.matchId("vac-aaaaaa", "cand-cccccc"));
    assertThat(Ids.matchId("vac-aaaaaa", "cand-bbbbbb")).matches("m-[0-9a-f]{20}");
  }

  @Test
  void alertIdDependsOnSubjectAndType() {
    String unfilled = Ids.alertId("vac-aaaaaa", AlertType.UNFILLED_TECHNICAL_POST);
    assertThat(unfilled).isEqualTo(Ids.alertId("vac-aaaaaa", AlertType.UNFILLED_TECHNICAL_POST));
    assertThat(unfilled).isNotEqualTo(Ids.alertId("vac-aaaaaa", AlertType.SHORTAGE));
    assertThat(unfilled).isNotEqualTo(Ids.alertId("vac-bbbbbb", AlertType.UNFILLED_TECHNICAL_POST));
  }
}
