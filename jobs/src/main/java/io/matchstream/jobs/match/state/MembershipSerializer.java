package io.matchstream.jobs.match.state;

import io.matchstream.jobs.match.Membership;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A router's {@link Membership}; pool keys are interned when read. Immutable (replaced, never
 * changed). Layout: event time, clear-at (longs), the event id's sequence number (int; -1 then the
 * id's ASCII bytes with their length as a short), the pool count (short) and the pool keys.
 */
public final class MembershipSerializer extends CompactSerializer<Membership> {
  private static final long serialVersionUID = 1L;
  public static final MembershipSerializer INSTANCE = new MembershipSerializer();

  @Override
  public boolean isImmutableType() {
    return true;
  }

  @Override
  public Membership copy(Membership from) {
    return from;
  }

  @Override
  public void serialize(Membership m, DataOutputView out) throws IOException {
    out.writeLong(m.eventTime());
    out.writeLong(m.clearAt());
    out.writeInt(m.eventSeq());
    if (m.eventSeq() == Membership.NO_SEQ) {
      out.writeShort(m.otherEventId().length);
      out.write(m.otherEventId());
    }
    String[] pools = m.poolArray();
    out.writeShort(pools.length);
    for (String p : pools) {
      out.writeUTF(p);
    }
  }

  @Override
  public Membership deserialize(DataInputView in) throws IOException {
    long eventTime = in.readLong();
    long clearAt = in.readLong();
    int seq = in.readInt();
    byte[] other = null;
    if (seq == Membership.NO_SEQ) {
      other = new byte[in.readUnsignedShort()];
      in.readFully(other);
    }
    int n = in.readUnsignedShort();
    Object pools = null;
    if (n == 1) {
      pools = Interner.intern(in.readUTF());
    } else if (n > 1) {
      String[] all = new String[n];
      for (int i = 0; i < n; i++) {
        all[i] = Interner.intern(in.readUTF());
      }
      pools = all;
    }
    return new Membership(eventTime, clearAt, seq, other, pools);
  }
}
