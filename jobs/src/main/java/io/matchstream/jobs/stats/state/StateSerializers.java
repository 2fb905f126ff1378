package io.matchstream.jobs.stats.state;

import io.matchstream.jobs.common.state.CompactIds;
import io.matchstream.jobs.stats.records.MatchIds;
import io.matchstream.jobs.stats.records.PostState;
import io.matchstream.jobs.stats.records.SeekerState;
import io.matchstream.jobs.stats.records.WatchedPost;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Hand-written serializers of the per-entity state values: no Kryo, no reflection, a fixed field
 * order. Codes are written as their strings (not as this process's {@link Codes} numbers), so a
 * checkpoint restores whatever order codes are met in later.
 */
public final class StateSerializers {
  private StateSerializers() {}

  /** Base: a stateless serializer of an immutable value. */
  abstract static class Immutable<T> extends TypeSerializerSingleton<T> {
    @Override
    public boolean isImmutableType() {
      return true;
    }

    @Override
    public T copy(T from) {
      return from;
    }

    @Override
    public T copy(T from, T reuse) {
      return from;
    }

    @Override
    public int getLength() {
      return -1;
    }

    @Override
    public T deserialize(T reuse, DataInputView source) throws IOException {
      return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
      serialize(deserialize(source), target);
    }
  }

  /** {@link PostState}. */
  public static final class PostStateSerializer extends Immutable<PostState> {
    public static final PostStateSerializer INSTANCE = new PostStateSerializer();

    @Override
    public PostState createInstance() {
      return new PostState((char) 0, (char) 0, (byte) 0, 0, 0, 0);
    }

    @Override
    public void serialize(PostState v, DataOutputView out) throws IOException {
      StringValue.writeString(v.cityId(), out);
      StringValue.writeString(v.occupationCode(), out);
      out.writeByte(v.flags);
      out.writeLong(v.openedTime);
      out.writeLong(v.closedTime);
      out.writeLong(v.lastEventTime);
    }

    @Override
    public PostState deserialize(DataInputView in) throws IOException {
      return new PostState(Codes.of(StringValue.readString(in)), Codes.of(StringValue.readString(in)), in.readByte(),
          in.readLong(), in.readLong(), in.readLong());
    }

    @Override
    public TypeSerializerSnapshot<PostState> snapshotConfiguration() {
      return new PostStateSnapshot();
    }
  }

  public static final class PostStateSnapshot extends SimpleTypeSerializerSnapshot<PostState> {
    public PostStateSnapshot() {
      super(() -> PostStateSerializer.INSTANCE);
    }
  }

  /** {@link SeekerState}. */
  public static final class SeekerStateSerializer extends Immutable<SeekerState> {
    public static final SeekerStateSerializer INSTANCE = new SeekerStateSerializer();

    @Override
    public SeekerState createInstance() {
      return new SeekerState((char) 0, 0, null, (byte) 0, 0, 0, 0);
    }

    @Override
    public void serialize(SeekerState v, DataOutputView out) throws IOException {
      StringValue.writeString(v.cityId(), out);
      String[] codes = v.occupationCodes();
      out.writeShort(codes.length);
      for (String code : codes) {
        StringValue.writeString(code, out);
      }
      out.writeByte(v.flags);
      out.writeLong(v.availableTime);
      out.writeLong(v.closedTime);
      out.writeLong(v.lastEventTime);
    }

    @Override
    public SeekerState deserialize(DataInputView in) throws IOException {
      char city = Codes.of(StringValue.readString(in));
      String[] codes = new String[in.readUnsignedShort()];
      for (int i = 0; i < codes.length; i++) {
        codes[i] = StringValue.readString(in);
      }
      return SeekerState.of(city, codes, in.readByte(), in.readLong(), in.readLong(), in.readLong());
    }

    @Override
    public TypeSerializerSnapshot<SeekerState> snapshotConfiguration() {
      return new SeekerStateSnapshot();
    }
  }

  public static final class SeekerStateSnapshot extends SimpleTypeSerializerSnapshot<SeekerState> {
    public SeekerStateSnapshot() {
      super(() -> SeekerStateSerializer.INSTANCE);
    }
  }

  /** {@link WatchedPost}. */
  public static final class WatchedPostSerializer extends Immutable<WatchedPost> {
    public static final WatchedPostSerializer INSTANCE = new WatchedPostSerializer();

    @Override
    public WatchedPost createInstance() {
      return WatchedPost.tombstone(0, 0);
    }

    @Override
    public void serialize(WatchedPost v, DataOutputView out) throws IOException {
      StringValue.writeString(v.cityId(), out);
      StringValue.writeString(v.occupationCode(), out);
      StringValue.writeString(v.employerId(), out);
      out.writeLong(v.postedTime);
      out.writeInt(v.salaryMin);
      out.writeInt(v.salaryMax);
      out.writeByte(v.certificate);
      out.writeByte(v.flags);
      out.writeLong(v.deadline);
      out.writeLong(v.expiry);
      out.writeLong(v.closedTime);
    }

    @Override
    public WatchedPost deserialize(DataInputView in) throws IOException {
      char city = Codes.of(StringValue.readString(in));
      char occupation = Codes.of(StringValue.readString(in));
      String employerId = StringValue.readString(in);
      long packed = CompactIds.pack(WatchedPost.EMPLOYER_PREFIX, employerId);
      return new WatchedPost(city, occupation, packed, packed == 0 ? employerId : null, in.readLong(), in.readInt(),
          in.readInt(), in.readByte(), in.readByte(), in.readLong(), in.readLong(), in.readLong());
    }

    @Override
    public TypeSerializerSnapshot<WatchedPost> snapshotConfiguration() {
      return new WatchedPostSnapshot();
    }
  }

  public static final class WatchedPostSnapshot extends SimpleTypeSerializerSnapshot<WatchedPost> {
    public WatchedPostSnapshot() {
      super(() -> WatchedPostSerializer.INSTANCE);
    }
  }

  /** {@link MatchIds}: mutable, so {@link #copy} copies. */
  public static final class MatchIdsSerializer extends TypeSerializerSingleton<MatchIds> {
    public static final MatchIdsSerializer INSTANCE = new MatchIdsSerializer();

    @Override
    public boolean isImmutableType() {
      return false;
    }

    @Override
    public MatchIds createInstance() {
      return new MatchIds();
    }

    @Override
    public MatchIds copy(MatchIds from) {
      return from.copy();
    }

    @Override
    public MatchIds copy(MatchIds from, MatchIds reuse) {
      return from.copy();
    }

    @Override
    public int getLength() {
      return -1;
    }

    @Override
    public void serialize(MatchIds v, DataOutputView out) throws IOException {
      long[] hashes = v.toArray();
      out.writeInt(hashes.length);
      for (long h : hashes) {
        out.writeLong(h);
      }
    }

    @Override
    public MatchIds deserialize(DataInputView in) throws IOException {
      MatchIds ids = new MatchIds();
      for (int n = in.readInt(); n > 0; n--) {
        ids.add(in.readLong());
      }
      return ids;
    }

    @Override
    public MatchIds deserialize(MatchIds reuse, DataInputView in) throws IOException {
      return deserialize(in);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
      serialize(deserialize(source), target);
    }

    @Override
    public TypeSerializerSnapshot<MatchIds> snapshotConfiguration() {
      return new MatchIdsSnapshot();
    }
  }

  public static final class MatchIdsSnapshot extends SimpleTypeSerializerSnapshot<MatchIds> {
    public MatchIdsSnapshot() {
      super(() -> MatchIdsSerializer.INSTANCE);
    }
  }
}
