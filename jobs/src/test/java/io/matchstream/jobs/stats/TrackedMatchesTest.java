package io.matchstream.jobs.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.matchstream.events.Ids;
import io.matchstream.events.OutcomeStage;
import io.matchstream.jobs.stats.records.TrackedMatches;
import io.matchstream.jobs.stats.state.Codes;
import io.matchstream.jobs.stats.state.TrackedMatchesSerializer;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** The funnel's per-day match table: exact ids, stages, sealing, and its serializer. */
class TrackedMatchesTest {
  static final char NINGBO = Codes.of("ningbo");
  static final char WELDER = Codes.of(Fixtures.WELDER);

  static List<String> ids(int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(Ids.matchId("vac-" + i, "cand-" + i));
    }
    return out;
  }

  static TrackedMatches filled(List<String> ids) {
    TrackedMatches t = new TrackedMatches();
    for (int i = 0; i < ids.size(); i++) {
      assertThat(t.add(TrackedMatches.low(ids.get(i)), TrackedMatches.high(ids.get(i)), NINGBO, WELDER, i * 1000))
          .isTrue();
    }
    return t;
  }

  @Test
  void everyMatchIsFoundWithItsDataAndAnIdDifferingOnlyInItsHighBitsIsNot() {
    List<String> ids = ids(2_000);
    TrackedMatches t = filled(ids);
    String id = ids.get(17);
    String sameLowOtherHigh = "m-" + (id.charAt(2) == '0' ? '1' : '0') + id.substring(3);
    for (boolean sealed : new boolean[] {false, true}) {
      if (sealed) {
        t.seal();
      }
      for (int i = 0; i < ids.size(); i++) {
        int slot = t.find(TrackedMatches.low(ids.get(i)), TrackedMatches.high(ids.get(i)));
        assertThat(slot).isNotNegative();
        assertThat(t.millisOfDay(slot)).isEqualTo(i * 1000);
        assertThat(Codes.code(t.city(slot))).isEqualTo("ningbo");
        assertThat(Codes.code(t.occupation(slot))).isEqualTo(Fixtures.WELDER);
      }
      assertThat(t.find(TrackedMatches.low(sameLowOtherHigh), TrackedMatches.high(sameLowOtherHigh))).isNegative();
    }
    assertThat(t.add(TrackedMatches.low(id), TrackedMatches.high(id), NINGBO, WELDER, 5)).isFalse();
  }

  @Test
  void stagesAndOutcomeIdsSurviveSealingAndTheSerializer() throws Exception {
    List<String> ids = ids(500);
    TrackedMatches t = filled(ids);
    int slot = t.find(TrackedMatches.low(ids.get(3)), TrackedMatches.high(ids.get(3)));
    t.setStage(slot, OutcomeStage.DECLINED, OutcomeStage.INTERVIEW.rank());
    t.addOutcome(42L);
    TrackedMatches open = roundTrip(t);
    assertThat(open).isEqualTo(t);
    t.seal();
    TrackedMatches sealed = roundTrip(t);
    assertThat(sealed).isEqualTo(t);
    assertThat(sealed.isSealed()).isTrue();
    int s = sealed.find(TrackedMatches.low(ids.get(3)), TrackedMatches.high(ids.get(3)));
    assertThat(sealed.lastStage(s)).isEqualTo(OutcomeStage.DECLINED);
    assertThat(sealed.furthest(s)).isEqualTo(OutcomeStage.INTERVIEW.rank());
    assertThat(sealed.hasOutcome(42L)).isTrue();
    assertThat(sealed.addOutcome(42L)).isFalse();
  }

  private static TrackedMatches roundTrip(TrackedMatches t) throws Exception {
    DataOutputSerializer out = new DataOutputSerializer(1024);
    TrackedMatchesSerializer.INSTANCE.serialize(t, out);
    return TrackedMatchesSerializer.INSTANCE.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
  }
}
