package io.matchstream.jobs.match.state;

import io.matchstream.jobs.match.OpenVacancy;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * {@link OpenVacancy} in state. Immutable type: the heap backend's copy-on-write then shares entries
 * with the in-memory index instead of copying them after every checkpoint.
 */
public final class OpenVacancySerializer extends CompactSerializer<OpenVacancy> {
  private static final long serialVersionUID = 1L;
  public static final OpenVacancySerializer INSTANCE = new OpenVacancySerializer();
  private static final long[] NONE = new long[0];

  @Override
  public boolean isImmutableType() {
    return true;
  }

  @Override
  public OpenVacancy copy(OpenVacancy from) {
    return from;
  }

  @Override
  public void serialize(OpenVacancy v, DataOutputView out) throws IOException {
    out.writeUTF(v.id());
    out.writeLong(v.seq());
    out.writeLong(v.eventTime());
    out.writeLong(v.postedTime());
    out.writeUTF(v.cityId());
    out.writeUTF(v.occupationCode());
    out.writeUTF(v.employerId());
    writeChars(v.skills(), out);
    out.writeShort(v.essentialCount());
    writeChars(v.key(), out);
    out.writeDouble(v.totalWeight());
    out.writeInt(v.salaryMin());
    out.writeInt(v.salaryMax());
    out.writeByte(v.level());
    out.writeByte(v.employment());
    writeLongs(v.matched(), out);
  }

  @Override
  public OpenVacancy deserialize(DataInputView in) throws IOException {
    return new OpenVacancy(in.readUTF(), in.readLong(), in.readLong(), in.readLong(),
        Interner.intern(in.readUTF()), Interner.intern(in.readUTF()), Interner.intern(in.readUTF()),
        readChars(in), in.readUnsignedShort(), readChars(in), in.readDouble(), in.readInt(), in.readInt(),
        in.readByte(), in.readByte(), readLongs(in, NONE));
  }
}
