package io.matchstream.jobs.match.state;

import io.matchstream.jobs.match.OpenCandidate;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** {@link OpenCandidate} in state; an immutable type, like {@link OpenVacancySerializer}. */
public final class OpenCandidateSerializer extends CompactSerializer<OpenCandidate> {
  private static final long serialVersionUID = 1L;
  public static final OpenCandidateSerializer INSTANCE = new OpenCandidateSerializer();
  private static final long[] NONE = new long[0];

  @Override
  public boolean isImmutableType() {
    return true;
  }

  @Override
  public OpenCandidate copy(OpenCandidate from) {
    return from;
  }

  @Override
  public void serialize(OpenCandidate c, DataOutputView out) throws IOException {
    out.writeUTF(c.id());
    out.writeLong(c.seq());
    out.writeLong(c.eventTime());
    out.writeLong(c.registeredTime());
    out.writeUTF(c.homeCity());
    writeChars(c.skills(), out);
    out.writeInt(c.expectedSalary());
    out.writeByte(c.level());
    out.writeByte(c.employmentMask());
    writeLongs(c.matched(), out);
  }

  @Override
  public OpenCandidate deserialize(DataInputView in) throws IOException {
    return new OpenCandidate(in.readUTF(), in.readLong(), in.readLong(), in.readLong(),
        Interner.intern(in.readUTF()), readChars(in), in.readInt(), in.readByte(), in.readByte(),
        readLongs(in, NONE));
  }
}
