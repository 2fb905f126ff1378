package io.matchstream.jobs.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The usual event id is kept as its number, and every id is exact again when read. */
class MembershipTest {
  @Test
  void onlyTheCanonicalEntityIdColonNumberShapeIsKeptAsANumber() {
    assertThat(Membership.seqOf("vac-000001:7", "vac-000001")).isEqualTo(7);
    assertThat(Membership.seqOf("vac-000001:0", "vac-000001")).isZero();
    assertThat(Membership.seqOf("vac-000001:2147483647", "vac-000001")).isEqualTo(Integer.MAX_VALUE);
    for (String other : List.of("vac-000001:07", "vac-000001:", "vac-000001:2147483648", "vac-000002:7",
        "vac-000001:7a", "vac-000001-7", "vac-00000:17", "x", "vac-000001:99999999999")) {
      assertThat(Membership.seqOf(other, "vac-000001")).as(other).isEqualTo(Membership.NO_SEQ);
    }
  }

  @Test
  void theEventIdAndItsOrderAreTheSameInEitherShape() {
    Membership usual = Membership.of(100, "vac-000001:9", "vac-000001", 500, List.of("ningbo|6-18-02"));
    Membership other = Membership.of(100, "vac-000001:09", "vac-000001", 500, List.of("ningbo|6-18-02"));
    assertThat(usual.eventSeq()).isEqualTo(9);
    assertThat(usual.otherEventId()).isNull();
    assertThat(usual.eventIdText("vac-000001")).isEqualTo("vac-000001:9");
    assertThat(other.eventIdText("vac-000001")).isEqualTo("vac-000001:09");
    // Same instant: ordered by the id's bytes, so ":10" comes before ":9".
    assertThat(usual.notAfter(100, "vac-000001:10", "vac-000001")).isFalse();
    assertThat(usual.notAfter(100, "vac-000001:9", "vac-000001")).isTrue();
    assertThat(usual.notAfter(101, "vac-000001:1", "vac-000001")).isTrue();
    assertThat(other.notAfter(100, "vac-000001:1", "vac-000001")).isTrue();
    assertThat(other.notAfter(100, "vac-000001:0", "vac-000001")).isFalse();
    assertThat(usual.pools()).containsExactly("ningbo|6-18-02");
    assertThat(usual.contains("ningbo|6-18-02")).isTrue();
  }
}
