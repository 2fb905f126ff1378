package io.matchstream.jobs.match.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.matchstream.jobs.match.Membership;
import io.matchstream.jobs.match.OpenCandidate;
import io.matchstream.jobs.match.OpenVacancy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class CompactSerializerTest {
  private static final OpenVacancy POST = new OpenVacancy("vac-000001", 7, 1_700_000_000_000L, 1_699_000_000_000L,
      "ningbo", "6-18-02-04", "emp-0001", new char[] {3, 9, 1, 4}, 2, new char[] {10, 20, 30, 40}, 12.5,
      6000, 9000, (byte) 4, (byte) 1, new long[] {2, 5});
  private static final OpenCandidate WELDER = new OpenCandidate("cand-000001", 8, 1_700_000_000_001L,
      1_699_000_000_001L, "hangzhou", new char[] {10, 30}, 8000, (byte) 3, (byte) 5, new long[0]);

  @Test
  void entriesRoundTripFieldForFieldWithTheirStringsInterned() throws IOException {
    OpenVacancy v = roundTrip(OpenVacancySerializer.INSTANCE, POST);
    assertThat(v).usingRecursiveComparison().isEqualTo(POST);
    assertThat(v.cityId()).isSameAs(Interner.intern("ningbo"));
    assertThat(v.employerId()).isSameAs(Interner.intern("emp-0001"));
    OpenCandidate c = roundTrip(OpenCandidateSerializer.INSTANCE, WELDER);
    assertThat(c).usingRecursiveComparison().isEqualTo(WELDER);
    assertThat(OpenVacancySerializer.INSTANCE.isImmutableType()).as("shared with the index, not copied").isTrue();
    assertThat(OpenVacancySerializer.INSTANCE.copy(POST)).isSameAs(POST);
  }

  @Test
  void membershipsRoundTripInEachShapeWithTheirPoolsInterned() throws IOException {
    Membership post = new Membership(1_700_000_000_000L, 1_707_776_000_000L, 3, null, "ningbo|6-18-02");
    Membership seeker = new Membership(1_700_000_000_001L, 1_705_184_000_001L, Membership.NO_SEQ,
        "ev-x/7".getBytes(StandardCharsets.US_ASCII), new String[] {"ningbo|6-18-02", "hangzhou|6-18-02"});
    Membership nowhere = new Membership(5, 6, 0, null, null);
    for (Membership m : new Membership[] {post, seeker, nowhere}) {
      Membership back = roundTrip(MembershipSerializer.INSTANCE, m);
      assertThat(back).usingRecursiveComparison().isEqualTo(m);
      assertThat(back.pools()).isEqualTo(m.pools());
    }
    assertThat(roundTrip(MembershipSerializer.INSTANCE, seeker).pools().get(1))
        .isSameAs(Interner.intern("hangzhou|6-18-02"));
    assertThat(roundTrip(MembershipSerializer.INSTANCE, post).eventIdText("vac-000001")).isEqualTo("vac-000001:3");
    assertThat(MembershipSerializer.INSTANCE.copy(post)).isSameAs(post);
  }

  @Test
  void aSnapshotOfTheSameBuildIsCompatibleAsIs() throws IOException {
    TypeSerializerSnapshot<OpenVacancy> restored = reread(OpenVacancySerializer.INSTANCE.snapshotConfiguration());
    assertThat(OpenVacancySerializer.INSTANCE.snapshotConfiguration().resolveSchemaCompatibility(restored)
        .isCompatibleAsIs()).isTrue();
    assertThat(restored.restoreSerializer()).isEqualTo(OpenVacancySerializer.INSTANCE);
  }

  @Test
  void stateWrittenUnderAnotherTaxonomyIsRefusedNamingIt() throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(64);
    out.writeUTF(OpenVacancySerializer.class.getName());
    out.writeLong(CompactSerializer.TAXONOMY_FINGERPRINT ^ 1);
    CompactSerializer.Snapshot<OpenVacancy> old = new CompactSerializer.Snapshot<>();
    old.readSnapshot(1, new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());

    assertThatThrownBy(() -> OpenVacancySerializer.INSTANCE.snapshotConfiguration().resolveSchemaCompatibility(old))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("another skill taxonomy");
  }

  private static <T> T roundTrip(TypeSerializer<T> serializer, T value) throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(256);
    serializer.serialize(value, out);
    return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
  }

  private static <T> TypeSerializerSnapshot<T> reread(TypeSerializerSnapshot<T> snapshot) throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(64);
    TypeSerializerSnapshot.writeVersionedSnapshot(out, snapshot);
    return TypeSerializerSnapshot.readVersionedSnapshot(new DataInputDeserializer(out.getCopyOfBuffer()),
        CompactSerializerTest.class.getClassLoader());
  }
}
