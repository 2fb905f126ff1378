package io.matchstream.notifier.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.matchstream.config.Durations;
import io.matchstream.events.AlertType;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotifierConfigTest {
  private final Map<String, String> options = new HashMap<>();
  private final Map<String, String> env = new HashMap<>();

  @Test
  void defaultsAreAlertmanagersTimingsAndTheRobotsLimit() {
    options.put("receivers", "ministry,ningbo-ding");
    options.put("receiver.ministry.type", "webhook");
    options.put("receiver.ministry.url", "https://ops.example.cn/alerts");
    options.put("receiver.ministry.cities", "*");
    env.put("MATCHSTREAM_RECEIVER_NINGBO_DING_TYPE", "dingtalk");
    env.put("MATCHSTREAM_RECEIVER_NINGBO_DING_CITIES", "ningbo");
    env.put("MATCHSTREAM_RECEIVER_NINGBO_DING_ALERT_TYPES", "unfilled_technical_post");
    env.put("MATCHSTREAM_RECEIVER_NINGBO_DING_TOKEN", "robot-tok-9f2");
    env.put("MATCHSTREAM_RECEIVER_NINGBO_DING_SECRET", "SECabc");

    NotifierConfig c = NotifierConfig.from(options, env);

    assertThat(c.groupWait()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.groupInterval()).isEqualTo(Duration.ofMinutes(5));
    assertThat(c.repeatInterval()).isEqualTo(Duration.ofHours(4));
    assertThat(c.groupBy()).containsExactly("alertname", "city");
    ReceiverConfig ministry = c.receivers().get(0);
    assertThat(ministry.cities()).isEmpty();
    assertThat(ministry.accepts("beijing", AlertType.SHORTAGE)).isTrue();
    assertThat(ministry.rateLimit()).isZero();
    ReceiverConfig ding = c.receivers().get(1);
    assertThat(ding.type()).isEqualTo(ReceiverType.DINGTALK);
    assertThat(ding.url().toString()).isEqualTo("https://oapi.dingtalk.com/robot/send");
    assertThat(ding.rateLimit()).isEqualTo(20);
    assertThat(ding.rateWindow()).isEqualTo(Duration.ofMinutes(1));
    assertThat(ding.accepts("ningbo", AlertType.UNFILLED_TECHNICAL_POST)).isTrue();
    assertThat(ding.accepts("ningbo", AlertType.SHORTAGE)).isFalse();
    assertThat(ding.accepts("beijing", AlertType.UNFILLED_TECHNICAL_POST)).isFalse();
    assertThat(ding.toString()).doesNotContain("robot-tok-9f2").doesNotContain("SECabc");
  }

  @Test
  void durationsReadAsTheProjectWritesThem() {
    assertThat(Durations.parse("500 ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(Durations.parse("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(Durations.parse("5 min")).isEqualTo(Duration.ofMinutes(5));
    assertThat(Durations.parse("4 h")).isEqualTo(Duration.ofHours(4));
    assertThat(Durations.parse("PT90S")).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void aReceiverWithoutTypeFailsNamingTheKey() {
    options.put("receivers", "ningbo");
    options.put("receiver.ningbo.cities", "ningbo");
    assertFailsNaming("receiver.ningbo.type");
  }

  @Test
  void anUnknownTypeFailsNamingTheKey() {
    webhook("ops");
    options.put("receiver.ops.type", "slack");
    assertFailsNaming("receiver.ops.type");
  }

  @Test
  void aWebhookWithoutUrlFailsNamingTheKey() {
    webhook("ops");
    options.remove("receiver.ops.url");
    assertFailsNaming("receiver.ops.url");
  }

  @Test
  void anUnknownCityFailsNamingTheKey() {
    webhook("ops");
    options.put("receiver.ops.cities", "ningbo,atlantis");
    assertThatThrownBy(() -> NotifierConfig.from(options, env))
        .isInstanceOf(ConfigException.class).hasMessageContaining("receiver.ops.cities").hasMessageContaining("atlantis");
  }

  @Test
  void aRobotWithoutItsTokenFailsNamingTheVariable() {
    options.put("receivers", "park");
    options.put("receiver.park.type", "feishu");
    options.put("receiver.park.cities", "ningbo");
    assertThatThrownBy(() -> NotifierConfig.from(options, env))
        .isInstanceOf(ConfigException.class).hasMessageContaining("MATCHSTREAM_RECEIVER_PARK_TOKEN");
  }

  @Test
  void aSecretGivenAsAnOptionIsRefused() {
    webhook("ops");
    options.put("receiver.ops.token", "leaked");
    assertThatThrownBy(() -> NotifierConfig.from(options, env))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("receiver.ops.token is a secret")
        .hasMessageNotContaining("leaked");
  }

  @Test
  void aTokenInTheUrlIsRefused() {
    webhook("ops");
    options.put("receiver.ops.url", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc");
    assertFailsNaming("receiver.ops.url");
  }

  @Test
  void badValuesFailNamingTheKey() {
    webhook("ops");
    options.put("group.wait", "soon");
    assertFailsNaming("group.wait");
    options.remove("group.wait");
    options.put("receiver.ops.rate-limit", "-1");
    assertFailsNaming("receiver.ops.rate-limit");
    options.remove("receiver.ops.rate-limit");
    options.put("group.by", "alertname,region");
    assertFailsNaming("group.by");
  }

  @Test
  void unknownKeysAndReceiversFailNamingTheKey() {
    webhook("ops");
    options.put("group.waitt", "1 s");
    assertFailsNaming("group.waitt");
    options.remove("group.waitt");
    options.put("receiver.other.type", "webhook");
    assertFailsNaming("receiver.other.type");
  }

  private void webhook(String name) {
    options.put("receivers", name);
    options.put("receiver." + name + ".type", "webhook");
    options.put("receiver." + name + ".url", "http://127.0.0.1:9/hook");
    options.put("receiver." + name + ".cities", "*");
  }

  private void assertFailsNaming(String key) {
    assertThatThrownBy(() -> NotifierConfig.from(options, env))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(key + " ")
        .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo(key));
  }
}
