package io.matchstream.jobs.stats.state;

import io.matchstream.jobs.stats.records.TrackedMatches;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * {@link TrackedMatches}, hand-written (no Kryo, no reflection). The table's city and occupation
 * codes are written once each, as strings, and every match names them by their place in that list,
 * so a checkpoint neither depends on this process's {@link Codes} numbers nor repeats a code per
 * match. Mutable, so {@link #copy} copies.
 *
 * <p>Format: codes (count, strings); matches (count, then key, word with list places for codes, and
 * millisecond of the day each); outcome hashes (count, longs); whether the table is sealed.
 */
public final class TrackedMatchesSerializer extends TypeSerializerSingleton<TrackedMatches> {
  public static final TrackedMatchesSerializer INSTANCE = new TrackedMatchesSerializer();

  @Override
  public boolean isImmutableType() {
    return false;
  }

  @Override
  public TrackedMatches createInstance() {
    return new TrackedMatches();
  }

  @Override
  public TrackedMatches copy(TrackedMatches from) {
    return from.copy();
  }

  @Override
  public TrackedMatches copy(TrackedMatches from, TrackedMatches reuse) {
    return from.copy();
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public void serialize(TrackedMatches t, DataOutputView out) throws IOException {
    int[] slots = t.slots();
    Map<Character, Character> place = new HashMap<>();
    List<Character> codes = new ArrayList<>();
    for (int s : slots) {
      for (char c : new char[] {t.city(s), t.occupation(s)}) {
        if (c != 0 && !place.containsKey(c)) {
          codes.add(c);
          place.put(c, (char) codes.size());
        }
      }
    }
    out.writeInt(codes.size());
    for (char c : codes) {
      StringValue.writeString(Codes.code(c), out);
    }
    out.writeInt(slots.length);
    for (int s : slots) {
      out.writeLong(t.key(s));
      out.writeLong(TrackedMatches.withCodes(t.word(s), placeOf(place, t.city(s)), placeOf(place, t.occupation(s))));
      out.writeInt(t.millisOfDay(s));
    }
    long[] hashes = t.outcomeHashes();
    out.writeInt(hashes.length);
    for (long h : hashes) {
      out.writeLong(h);
    }
    out.writeBoolean(t.isSealed());
  }

  @Override
  public TrackedMatches deserialize(DataInputView in) throws IOException {
    char[] codes = new char[in.readInt() + 1];
    for (int i = 1; i < codes.length; i++) {
      codes[i] = Codes.of(StringValue.readString(in));
    }
    int n = in.readInt();
    long[] keys = new long[n];
    long[] words = new long[n];
    int[] times = new int[n];
    for (int i = 0; i < n; i++) {
      keys[i] = in.readLong();
      long w = in.readLong();
      words[i] = TrackedMatches.withCodes(w, codes[TrackedMatches.cityOf(w)], codes[TrackedMatches.occupationOf(w)]);
      times[i] = in.readInt();
    }
    int outcomes = in.readInt();
    TrackedMatches t = TrackedMatches.withCapacity(n, outcomes);
    for (int i = 0; i < n; i++) {
      t.restore(keys[i], words[i], times[i]);
    }
    for (int i = 0; i < outcomes; i++) {
      t.addOutcome(in.readLong());
    }
    if (in.readBoolean()) {
      t.seal();
    }
    return t;
  }

  @Override
  public TrackedMatches deserialize(TrackedMatches reuse, DataInputView in) throws IOException {
    return deserialize(in);
  }

  @Override
  public void copy(DataInputView source, DataOutputView target) throws IOException {
    serialize(deserialize(source), target);
  }

  @Override
  public TypeSerializerSnapshot<TrackedMatches> snapshotConfiguration() {
    return new TrackedMatchesSnapshot();
  }

  private static char placeOf(Map<Character, Character> place, char code) {
    return code == 0 ? 0 : place.get(code);
  }

  public static final class TrackedMatchesSnapshot extends SimpleTypeSerializerSnapshot<TrackedMatches> {
    public TrackedMatchesSnapshot() {
      super(() -> INSTANCE);
    }
  }
}
