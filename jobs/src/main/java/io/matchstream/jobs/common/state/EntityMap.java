package io.matchstream.jobs.common.state;

import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.api.common.typeutils.base.StringSerializer;

/**
 * A shard's entities by id. Ids of the contract's usual shape ({@code vac-} or {@code cand-} and up
 * to 12 base-36 characters) are keys of one {@code long} ({@link CompactIds}: a 16-byte boxed key in
 * the heap map instead of a 56-byte string); any other id is kept as it is in a second map, so
 * every id stays exact.
 */
public final class EntityMap<V> {
  private final String prefix;
  private final MapState<Long, V> packed;
  private final MapState<String, V> other;

  public EntityMap(RuntimeContext rc, String name, String prefix, TypeSerializer<V> values) {
    this.prefix = prefix;
    packed = rc.getMapState(new MapStateDescriptor<>(name, LongSerializer.INSTANCE, values));
    other = rc.getMapState(new MapStateDescriptor<>(name + "-other-ids", StringSerializer.INSTANCE, values));
  }

  public V get(String id) throws Exception {
    long p = CompactIds.pack(prefix, id);
    return p != 0 ? packed.get(p) : other.get(id);
  }

  public void put(String id, V value) throws Exception {
    long p = CompactIds.pack(prefix, id);
    if (p != 0) {
      packed.put(p, value);
    } else {
      other.put(id, value);
    }
  }

  public void remove(String id) throws Exception {
    long p = CompactIds.pack(prefix, id);
    if (p != 0) {
      packed.remove(p);
    } else {
      other.remove(id);
    }
  }

  public boolean isEmpty() throws Exception {
    return packed.isEmpty() && other.isEmpty();
  }

  /**
   * Adds to {@code due} the ids whose {@code dueOf} is at or before {@code watermark}; returns the
   * earliest instant of the others ({@link Long#MAX_VALUE} if none).
   */
  public long collectDue(ToLongFunction<V> dueOf, long watermark, List<String> due) throws Exception {
    long earliest = Long.MAX_VALUE;
    for (Map.Entry<Long, V> e : packed.entries()) {
      long at = dueOf.applyAsLong(e.getValue());
      if (at <= watermark) {
        due.add(CompactIds.unpack(prefix, e.getKey()));
      } else {
        earliest = Math.min(earliest, at);
      }
    }
    for (Map.Entry<String, V> e : other.entries()) {
      long at = dueOf.applyAsLong(e.getValue());
      if (at <= watermark) {
        due.add(e.getKey());
      } else {
        earliest = Math.min(earliest, at);
      }
    }
    return earliest;
  }
}
