package io.matchstream.jobs.match.state;

import io.matchstream.jobs.match.Membership;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** A router's {@link Membership}; pool keys are interned when read. Immutable (replaced, never changed). */
public final class MembershipSerializer extends CompactSerializer<Membership> {
  private static final long serialVersionUID = 1L;
  public static final MembershipSerializer INSTANCE = new MembershipSerializer();
  private static final String[] NONE = new String[0];

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
    out.writeShort(m.eventId().length);
    out.write(m.eventId());
    out.writeLong(m.expiry());
    out.writeBoolean(m.pool() != null);
    if (m.pool() != null) {
      out.writeUTF(m.pool());
    }
    out.writeShort(m.morePools().length);
    for (String p : m.morePools()) {
      out.writeUTF(p);
    }
  }

  @Override
  public Membership deserialize(DataInputView in) throws IOException {
    long eventTime = in.readLong();
    byte[] eventId = new byte[in.readUnsignedShort()];
    in.readFully(eventId);
    long expiry = in.readLong();
    String pool = in.readBoolean() ? Interner.intern(in.readUTF()) : null;
    int more = in.readUnsignedShort();
    String[] morePools = more == 0 ? NONE : new String[more];
    for (int i = 0; i < more; i++) {
      morePools[i] = Interner.intern(in.readUTF());
    }
    return new Membership(eventTime, eventId, expiry, pool, morePools);
  }
}
