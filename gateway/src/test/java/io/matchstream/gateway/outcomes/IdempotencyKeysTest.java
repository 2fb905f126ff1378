package io.matchstream.gateway.outcomes;

import static org.assertj.core.api.Assertions.assertThat;

import io.matchstream.gateway.outcomes.IdempotencyKeys.Decision;
import io.matchstream.gateway.outcomes.IdempotencyKeys.InProgress;
import io.matchstream.gateway.outcomes.IdempotencyKeys.Mismatch;
import io.matchstream.gateway.outcomes.IdempotencyKeys.Proceed;
import io.matchstream.gateway.outcomes.IdempotencyKeys.Replay;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The key cache's answers, its bound and its expiry, on a clock the test moves. */
class IdempotencyKeysTest {
  private static final String PARK = "city/ningbo/park-hr";
  private static final byte[] BODY = "{\"outcomeId\":\"o-000001\"}".getBytes(StandardCharsets.UTF_8);
  private final AtomicLong nanos = new AtomicLong();
  private final IdempotencyKeys keys = new IdempotencyKeys(3, Duration.ofHours(24), nanos::get);

  @Test
  void aFinishedRequestIsReplayedARunningOneIsBusyAnotherBodyIsRefused() {
    Decision first = keys.begin(PARK, "k1", BODY);
    assertThat(first).isInstanceOf(Proceed.class);
    assertThat(keys.begin(PARK, "k1", BODY)).isInstanceOf(InProgress.class);
    keys.complete((Proceed) first, 202, "{\"accepted\":1}");
    assertThat(keys.begin(PARK, "k1", BODY)).isEqualTo(new Replay(202, "{\"accepted\":1}"));
    assertThat(keys.begin(PARK, "k1", "{}".getBytes(StandardCharsets.UTF_8))).isInstanceOf(Mismatch.class);
  }

  @Test
  void anAbandonedKeyMayBeUsedAgain() {
    keys.abandon((Proceed) keys.begin(PARK, "k1", BODY));
    assertThat(keys.begin(PARK, "k1", BODY)).isInstanceOf(Proceed.class);
  }

  @Test
  void aKeyBelongsToItsWriter() {
    keys.complete((Proceed) keys.begin(PARK, "k1", BODY), 202, "{}");
    assertThat(keys.begin("city/beijing/park-hr", "k1", BODY)).isInstanceOf(Proceed.class);
  }

  @Test
  void aKeyIsForgottenAfterItsTimeToLive() {
    keys.complete((Proceed) keys.begin(PARK, "k1", BODY), 202, "{}");
    nanos.addAndGet(Duration.ofHours(23).toNanos());
    assertThat(keys.begin(PARK, "k1", BODY)).isInstanceOf(Replay.class);
    nanos.addAndGet(Duration.ofHours(1).toNanos());
    assertThat(keys.begin(PARK, "k1", BODY)).isInstanceOf(Proceed.class);
  }

  @Test
  void noMoreKeysThanTheBoundAreHeld() {
    for (int i = 0; i < 10; i++) {
      keys.complete((Proceed) keys.begin(PARK, "k" + i, BODY), 202, "{}");
    }
    assertThat(keys.size()).isEqualTo(3);
  }
}
