package io.matchstream.gateway.outcomes;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The {@code Idempotency-Key}s of recent write requests, so that a retried request is answered
 * from memory instead of written again. Bounded ({@code outcomes.idempotency-keys} entries; when
 * full, Caffeine's W-TinyLFU evicts by recency and frequency) and expiring ({@code
 * outcomes.idempotency-ttl} after the first use).
 *
 * <p>A key belongs to the writer who sent it (role, city, sub): another writer's identical key is
 * another key. An entry keeps 16-byte digests of the key and of the request body, the status and
 * a short answer: 280 bytes of heap an entry as measured (50,000 entries: 14.0 MB), so the
 * default bound holds the cache under ~14 MB.
 * Shared by every event loop (Caffeine is thread-safe).
 *
 * <p>Memory only: after a restart, or on another gateway instance, a retried request is written
 * again. It then carries the same outcomeIds, which readers of {@code match-outcomes} drop.
 */
public final class IdempotencyKeys {
  /** What a key may look like: a UUID, a ULID, a hash; no spaces, quotes or control characters. */
  public static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9._:+/=-]{1,128}");

  private static final HexFormat HEX = HexFormat.of();

  private final Cache<String, Entry> entries;

  /** What is known of a key: a request in progress, or a finished one and its answer. */
  private record Entry(byte[] body, boolean done, int status, String answer) {}

  /** What to do with a request, given its key. */
  public sealed interface Decision {}

  /** A new key: go ahead, then {@link #complete} or {@link #abandon}. */
  public record Proceed(String key, byte[] body) implements Decision {}

  /** The same request was answered before: send the same answer again. */
  public record Replay(int status, String answer) implements Decision {}

  /** The same key is in use by a request still running (409). */
  public record InProgress() implements Decision {}

  /** The key was used for a different request body (422). */
  public record Mismatch() implements Decision {}

  public IdempotencyKeys(int maxKeys, Duration ttl) {
    this(maxKeys, ttl, Ticker.systemTicker());
  }

  /** With a clock of its own, for tests. Evictions run on the calling thread, so bounds hold at once. */
  IdempotencyKeys(int maxKeys, Duration ttl, Ticker ticker) {
    this.entries = Caffeine.newBuilder().maximumSize(maxKeys).expireAfterWrite(ttl).ticker(ticker)
        .executor(Runnable::run).build();
  }

  /**
   * Claims {@code key} of {@code writer} for a request with this body, or says why not.
   *
   * @param writer who sends it ({@code Viewer.key()})
   */
  public Decision begin(String writer, String key, byte[] body) {
    String scoped = digest((writer + "\n" + key).getBytes(StandardCharsets.UTF_8));
    byte[] fingerprint = HEX.parseHex(digest(body));
    Entry before = entries.asMap().putIfAbsent(scoped, new Entry(fingerprint, false, 0, null));
    if (before == null) return new Proceed(scoped, fingerprint);
    if (!Arrays.equals(before.body, fingerprint)) return new Mismatch();
    if (!before.done) return new InProgress();
    return new Replay(before.status, before.answer);
  }

  /** The request of {@code p} was answered: keep the answer for the key's retries. */
  public void complete(Proceed p, int status, String answer) {
    entries.put(p.key(), new Entry(p.body(), true, status, answer));
  }

  /** The request of {@code p} wrote nothing (or failed): its key is free for a retry. */
  public void abandon(Proceed p) {
    entries.asMap().remove(p.key());
  }

  /** Keys held now, after removing the expired and the ones over the bound. */
  public long size() {
    entries.cleanUp();
    return entries.estimatedSize();
  }

  private static String digest(byte[] bytes) {
    try {
      return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
