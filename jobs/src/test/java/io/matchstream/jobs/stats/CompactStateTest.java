package io.matchstream.jobs.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.matchstream.events.CertificateLevel;
import io.matchstream.events.VacancyEventType;
import io.matchstream.jobs.stats.records.MatchIds;
import io.matchstream.jobs.stats.records.PostState;
import io.matchstream.jobs.stats.records.SeekerState;
import io.matchstream.jobs.stats.records.VacancyChange;
import io.matchstream.jobs.stats.records.WatchedPost;
import io.matchstream.jobs.stats.state.Codes;
import io.matchstream.jobs.common.state.CompactIds;
import io.matchstream.jobs.stats.state.StateSerializers.MatchIdsSerializer;
import io.matchstream.jobs.stats.state.StateSerializers.PostStateSerializer;
import io.matchstream.jobs.stats.state.StateSerializers.SeekerStateSerializer;
import io.matchstream.jobs.stats.state.StateSerializers.WatchedPostSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** The compact state values survive a checkpoint exactly, and their serializers restore themselves. */
class CompactStateTest {
  private static <T> T roundTrip(TypeSerializer<T> s, T value) throws Exception {
    DataOutputSerializer out = new DataOutputSerializer(64);
    s.serialize(value, out);
    return s.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
  }

  private static <T> void restoresItself(TypeSerializer<T> s) throws Exception {
    TypeSerializerSnapshot<T> snapshot = s.snapshotConfiguration();
    DataOutputSerializer out = new DataOutputSerializer(64);
    snapshot.writeSnapshot(out);
    TypeSerializerSnapshot<T> read = s.snapshotConfiguration();
    read.readSnapshot(snapshot.getCurrentVersion(), new DataInputDeserializer(out.getCopyOfBuffer()),
        CompactStateTest.class.getClassLoader());
    assertThat(read.restoreSerializer()).isSameAs(s);
    assertThat(s.snapshotConfiguration().resolveSchemaCompatibility(read).isCompatibleAsIs()).isTrue();
  }

  @Test
  void aPostsStateComesBackAsItWasWithItsCodesByName() throws Exception {
    PostState p = new PostState(Codes.of("ningbo"), Codes.of(Fixtures.LATHE),
        (byte) (PostState.OPEN | PostState.DISPATCH), 1_000L, 0L, 2_000L);

    PostState back = roundTrip(PostStateSerializer.INSTANCE, p);

    assertThat(back).isEqualTo(p);
    assertThat(back.cityId()).isEqualTo("ningbo");
    assertThat(back.occupationCode()).isEqualTo(Fixtures.LATHE);
    assertThat(PostStateSerializer.INSTANCE.isImmutableType()).isTrue();
    restoresItself(PostStateSerializer.INSTANCE);
  }

  @Test
  void aCandidateSeekingMoreThanFourOccupationsKeepsThemAllInOrder() throws Exception {
    String[] five = {"6-18-01-01", "6-18-02-04", "6-18-01-07", "6-18-01-01", "2-02-07-05"};
    SeekerState many = SeekerState.of(Codes.of("ningbo"), five, SeekerState.AVAILABLE, 5L, 0L, 6L);
    SeekerState two = SeekerState.of(Codes.of("suzhou"), new String[] {"6-18-02-04", "6-18-01-01"},
        SeekerState.AVAILABLE, 5L, 0L, 6L);

    assertThat(roundTrip(SeekerStateSerializer.INSTANCE, many).occupationCodes()).containsExactly(five);
    assertThat(roundTrip(SeekerStateSerializer.INSTANCE, two).occupationCodes())
        .containsExactly("6-18-02-04", "6-18-01-01");
    assertThat(two.moreOccupations).isNull();
    assertThat(roundTrip(SeekerStateSerializer.INSTANCE, two)).isEqualTo(two);
    restoresItself(SeekerStateSerializer.INSTANCE);
  }

  @Test
  void aWatchedPostKeepsTheAlertsDetailsIncludingWhatWasNotGiven() throws Exception {
    VacancyChange c = Fixtures.aTechnicalPost("vac-000001", VacancyEventType.OPENED, 10L, 5L);
    WatchedPost given = WatchedPost.of(c, (byte) 0, 100L, 200L);
    c.employerId = "an employer id of another shape";
    c.salaryMin = null;
    c.certificateLevel = null;
    WatchedPost sparse = WatchedPost.of(c, WatchedPost.FIRED, 100L, 200L);

    WatchedPost back = roundTrip(WatchedPostSerializer.INSTANCE, given);
    WatchedPost sparseBack = roundTrip(WatchedPostSerializer.INSTANCE, sparse);

    assertThat(back).isEqualTo(given);
    assertThat(back.employerId()).isEqualTo("emp-0042");
    assertThat(back.certificateLevel()).isEqualTo(CertificateLevel.LEVEL_3);
    assertThat(back.salaryMinOrNull()).isEqualTo(7000);
    assertThat(sparseBack.employerId()).isEqualTo("an employer id of another shape");
    assertThat(sparseBack.salaryMinOrNull()).isNull();
    assertThat(sparseBack.salaryMaxOrNull()).isEqualTo(9500);
    assertThat(sparseBack.certificateLevel()).isNull();
    assertThat(sparseBack.is(WatchedPost.FIRED)).isTrue();
    restoresItself(WatchedPostSerializer.INSTANCE);
  }

  @Test
  void matchIdsComeBackAndACopyDoesNotSeeLaterIds() throws Exception {
    MatchIds ids = new MatchIds();
    for (int i = 0; i < 1000; i++) {
      assertThat(ids.add(MatchIds.hash("m-" + i))).isTrue();
    }
    assertThat(ids.add(MatchIds.hash("m-7"))).isFalse();
    MatchIds copy = MatchIdsSerializer.INSTANCE.copy(ids);
    ids.add(MatchIds.hash("m-later"));

    MatchIds back = roundTrip(MatchIdsSerializer.INSTANCE, copy);

    assertThat(back.size()).isEqualTo(1000);
    assertThat(back.contains(MatchIds.hash("m-999"))).isTrue();
    assertThat(back.contains(MatchIds.hash("m-later"))).isFalse();
    assertThat(MatchIdsSerializer.INSTANCE.isImmutableType()).isFalse();
    restoresItself(MatchIdsSerializer.INSTANCE);
  }

  @Test
  void idsOfTheContractsShapePackExactlyAndOthersDoNot() {
    for (String id : new String[] {"vac-000001", "vac-1", "vac-zzzzzzzzzzzz", "vac-00000000000a", "vac-0"}) {
      long packed = CompactIds.pack("vac-", id);
      assertThat(packed).as(id).isPositive();
      assertThat(CompactIds.unpack("vac-", packed)).isEqualTo(id);
    }
    assertThat(CompactIds.pack("vac-", "vac-000001")).isNotEqualTo(CompactIds.pack("vac-", "vac-00001"));
    assertThat(CompactIds.pack("vac-", "vac-0000000000000")).as("13 characters").isZero();
    assertThat(CompactIds.pack("vac-", "vac-ABC123")).as("upper case").isZero();
    assertThat(CompactIds.pack("vac-", "cand-000001")).as("other prefix").isZero();
    assertThat(CompactIds.pack("vac-", "vac-")).isZero();
    assertThat(CompactIds.pack("vac-", null)).isZero();
  }

  @Test
  void codesNumberEachCodeOnceAndNameItBack() {
    char ningbo = Codes.of("ningbo");
    assertThat(Codes.of(new String("ningbo"))).isEqualTo(ningbo);
    assertThat(Codes.code(ningbo)).isEqualTo("ningbo");
    assertThat(Codes.of(null)).isEqualTo((char) 0);
    assertThat(Codes.code((char) 0)).isNull();
  }
}
