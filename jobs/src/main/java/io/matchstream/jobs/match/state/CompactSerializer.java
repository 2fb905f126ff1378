package io.matchstream.jobs.match.state;

import io.matchstream.events.taxonomy.Skill;
import io.matchstream.events.taxonomy.Taxonomy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The base of the match job's hand-written state serializers: no Kryo, no reflection, a fixed
 * binary layout per version. Stateless, so one instance is shared ({@link #duplicate} returns it).
 *
 * <p>Entries hold skills as dense taxonomy indexes, which mean something only with the taxonomy
 * they were written under; the snapshot records a fingerprint of it, and a restore under another
 * taxonomy fails with a message that says so instead of reading skills wrongly.
 */
public abstract class CompactSerializer<T> extends TypeSerializer<T> {
  private static final long serialVersionUID = 1L;

  /** SHA-256 (first 8 bytes) of the default taxonomy's skill ids in dense-index order. */
  static final long TAXONOMY_FINGERPRINT = fingerprint(Taxonomy.loadDefault());

  @Override
  public TypeSerializer<T> duplicate() {
    return this;
  }

  @Override
  public T createInstance() {
    return null;
  }

  @Override
  public T copy(T from, T reuse) {
    return copy(from);
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

  @Override
  public boolean equals(Object obj) {
    return obj != null && obj.getClass() == getClass();
  }

  @Override
  public int hashCode() {
    return getClass().hashCode();
  }

  @Override
  public TypeSerializerSnapshot<T> snapshotConfiguration() {
    return new Snapshot<>(this);
  }

  static void writeChars(char[] a, DataOutputView out) throws IOException {
    out.writeShort(a.length);
    for (char c : a) {
      out.writeShort(c);
    }
  }

  static char[] readChars(DataInputView in) throws IOException {
    char[] a = new char[in.readUnsignedShort()];
    for (int i = 0; i < a.length; i++) {
      a[i] = (char) in.readUnsignedShort();
    }
    return a;
  }

  static void writeLongs(long[] a, DataOutputView out) throws IOException {
    out.writeInt(a.length);
    for (long v : a) {
      out.writeLong(v);
    }
  }

  static long[] readLongs(DataInputView in, long[] empty) throws IOException {
    int n = in.readInt();
    if (n == 0) {
      return empty;
    }
    long[] a = new long[n];
    for (int i = 0; i < n; i++) {
      a[i] = in.readLong();
    }
    return a;
  }

  static long fingerprint(Taxonomy taxonomy) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (Skill s : taxonomy.skills()) {
        sha.update(s.id().getBytes(StandardCharsets.UTF_8));
        sha.update((byte) '\n');
      }
      byte[] d = sha.digest();
      long f = 0;
      for (int i = 0; i < 8; i++) {
        f = (f << 8) | (d[i] & 0xff);
      }
      return f;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The serializer's class and the taxonomy fingerprint the state was written under. */
  public static final class Snapshot<T> implements TypeSerializerSnapshot<T> {
    private static final int VERSION = 1;
    private Class<?> serializerClass;
    private long taxonomy;

    /** For Flink's restore (reads the rest with {@link #readSnapshot}). */
    public Snapshot() {}

    Snapshot(CompactSerializer<T> serializer) {
      this.serializerClass = serializer.getClass();
      this.taxonomy = TAXONOMY_FINGERPRINT;
    }

    @Override
    public int getCurrentVersion() {
      return VERSION;
    }

    @Override
    public void writeSnapshot(DataOutputView out) throws IOException {
      out.writeUTF(serializerClass.getName());
      out.writeLong(taxonomy);
    }

    @Override
    public void readSnapshot(int version, DataInputView in, ClassLoader loader) throws IOException {
      String name = in.readUTF();
      try {
        serializerClass = Class.forName(name, false, loader);
      } catch (ClassNotFoundException e) {
        throw new IOException("match state written by " + name + ", which this version does not have", e);
      }
      taxonomy = in.readLong();
    }

    @Override
    @SuppressWarnings("unchecked")
    public TypeSerializer<T> restoreSerializer() {
      try {
        return (TypeSerializer<T>) serializerClass.getDeclaredConstructor().newInstance();
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot create " + serializerClass.getName(), e);
      }
    }

    @Override
    public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(TypeSerializerSnapshot<T> old) {
      if (!(old instanceof Snapshot<T> previous) || previous.serializerClass != serializerClass) {
        return TypeSerializerSchemaCompatibility.incompatible();
      }
      if (previous.taxonomy != taxonomy) {
        throw new IllegalStateException("The match pools in this checkpoint/savepoint were written under another"
            + " skill taxonomy (fingerprint " + Long.toHexString(previous.taxonomy) + ", this build has "
            + Long.toHexString(taxonomy) + "): their skill indexes would be read wrongly. Start the match job"
            + " without this state (the pools refill from the topics' retained events), see jobs/README.md.");
      }
      return TypeSerializerSchemaCompatibility.compatibleAsIs();
    }
  }
}
