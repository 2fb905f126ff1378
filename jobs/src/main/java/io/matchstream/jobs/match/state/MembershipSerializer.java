package io.matchstream.jobs.match.state;

import io.matchstream.jobs.match.Membership;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** A router's {@link Membership}; pool keys are interned when read. Immutable (replaced, never changed). */
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
    out.writeUTF(m.eventId());
    out.writeLong(m.expiry());
    out.writeShort(m.pools().length);
    for (String p : m.pools()) {
      out.writeUTF(p);
    }
  }

  @Override
  public Membership deserialize(DataInputView in) throws IOException {
    long eventTime = in.readLong();
    String eventId = in.readUTF();
    long expiry = in.readLong();
    String[] pools = new String[in.readUnsignedShort()];
    for (int i = 0; i < pools.length; i++) {
      pools[i] = Interner.intern(in.readUTF());
    }
    return new Membership(eventTime, eventId, expiry, pools);
  }
}
