package io.matchstream.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.matchstream.notifier.config.ReceiverConfig;
import io.matchstream.notifier.config.ReceiverType;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SenderTest {
  private static final ReceiverConfig ROBOT = new ReceiverConfig("park", ReceiverType.DINGTALK,
      URI.create("https://oapi.dingtalk.com/robot/send"), Set.of(), Set.of(), 20, Duration.ofMinutes(1),
      "token-123", "SECsecret");
  private static final ReceiverConfig HOOK = new ReceiverConfig("ops", ReceiverType.WEBHOOK,
      URI.create("http://127.0.0.1:9/hook"), Set.of(), Set.of(), 0, Duration.ofMinutes(1), null, null);

  @Test
  void serverErrorsTimeoutsAndTooManyRequestsAreRetried() {
    assertThat(Sender.classify(HOOK, 503, "").kind()).isEqualTo(Outcome.Kind.RETRY);
    assertThat(Sender.classify(HOOK, 429, "").kind()).isEqualTo(Outcome.Kind.RETRY);
    assertThat(Sender.classify(HOOK, 408, "").kind()).isEqualTo(Outcome.Kind.RETRY);
  }

  @Test
  void clientErrorsAreRefusedForGood() {
    assertThat(Sender.classify(HOOK, 400, "bad").kind()).isEqualTo(Outcome.Kind.REJECTED);
    assertThat(Sender.classify(HOOK, 401, "").kind()).isEqualTo(Outcome.Kind.REJECTED);
    assertThat(Sender.classify(HOOK, 204, "").kind()).isEqualTo(Outcome.Kind.DELIVERED);
  }

  @Test
  void aRobotsErrorCodeIsARefusalUnlessItMeansTooFast() {
    assertThat(Sender.classify(ROBOT, 200, "{\"errcode\":0,\"errmsg\":\"ok\"}").kind()).isEqualTo(Outcome.Kind.DELIVERED);
    assertThat(Sender.classify(ROBOT, 200, "{\"errcode\":310000,\"errmsg\":\"sign not match\"}").kind())
        .isEqualTo(Outcome.Kind.REJECTED);
    assertThat(Sender.classify(ROBOT, 200, "{\"errcode\":130101,\"errmsg\":\"send too fast\"}").kind())
        .isEqualTo(Outcome.Kind.RETRY);
    assertThat(Sender.classify(ROBOT, 200, "{\"code\":19021,\"msg\":\"sign match fail\"}").kind())
        .isEqualTo(Outcome.Kind.REJECTED);
  }

  @Test
  void whatIsLoggedNeverCarriesTheSecrets() {
    Outcome echoed = Sender.classify(ROBOT, 400, "bad request for access_token=token-123 sign SECsecret");
    assertThat(echoed.detail()).doesNotContain("token-123").doesNotContain("SECsecret").contains("***");
  }
}
