package io.matchstream.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.matchstream.events.Alert;
import io.matchstream.events.DeadLetter;
import io.matchstream.events.codec.EventCodec;
import io.matchstream.kafka.TopicSpec;
import io.matchstream.notifier.config.NotifierConfig;
import io.matchstream.testkit.kafka.Broker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The notifier against a real broker and real HTTP receivers, with Alertmanager's timings shrunk
 * to fractions of a second: firing then resolved, grouping, a burst folded into a digest, an
 * outage, a restart, a refusing receiver, an unreadable alert.
 */
class NotifierTest {
  private static final Duration DEADLINE = Duration.ofSeconds(30);
  @RegisterExtension
  static final Broker kafka = Broker.withContractTopics();

  private final List<AutoCloseable> closeAfter = new ArrayList<>();
  private final Map<String, String> options = new HashMap<>();
  private final Map<String, String> env = new HashMap<>();
  private String alerts;
  private String deadLetters;

  @BeforeEach
  void freshTopicsAndFastTimings() {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    alerts = "alerts-" + suffix;
    deadLetters = "dead-letters-" + suffix;
    String notifications = "notifications-" + suffix;
    kafka.kafka().createTopic(TopicSpec.compacted(alerts, 1));
    kafka.kafka().createTopic(TopicSpec.compacted(notifications, 1));
    kafka.kafka().createTopic(TopicSpec.of(deadLetters, 1));
    options.put("kafka.bootstrap-servers", kafka.bootstrapServers());
    options.put("topic.alerts", alerts);
    options.put("topic.notifications", notifications);
    options.put("topic.dead-letters", deadLetters);
    options.put("metrics.port", "0");
    options.put("external-url", "http://127.0.0.1:8080/");
    options.put("group.wait", "300 ms");
    options.put("group.interval", "500 ms");
    options.put("repeat.interval", "1 h");
    options.put("retry.initial-backoff", "100 ms");
    options.put("retry.max-backoff", "400 ms");
    options.put("http.timeout", "10 s"); // generous: a loaded machine must not turn a slow answer into a retry
  }

  @AfterEach
  void closeEverything() throws Exception {
    for (int i = closeAfter.size() - 1; i >= 0; i--) {
      closeAfter.get(i).close();
    }
  }

  @Test
  void sendsFiringThenResolvedInAlertmanagersFormat() throws Exception {
    TestReceiver hook = receiver(TestReceiver.webhook());
    webhook("ops", hook, "*");
    env.put("MATCHSTREAM_RECEIVER_OPS_TOKEN", "bearer-secret-1");
    start();

    publish(Alerts.firing("ningbo", "vac-ningbo001"));
    await().atMost(DEADLINE).until(() -> hook.requests().size() == 1);
    JsonNode firing = hook.requests().get(0).body();
    assertThat(hook.requests().get(0).authorization()).isEqualTo("Bearer bearer-secret-1");
    assertThat(firing.get("version").asText()).isEqualTo("4");
    assertThat(firing.get("status").asText()).isEqualTo("firing");
    assertThat(firing.get("receiver").asText()).isEqualTo("ops");
    assertThat(firing.get("groupKey").asText()).isEqualTo("{}:{alertname=\"UNFILLED_TECHNICAL_POST\", city=\"ningbo\"}");
    assertThat(firing.get("groupLabels").get("city").asText()).isEqualTo("ningbo");
    assertThat(firing.get("commonLabels").get("vacancy").asText()).isEqualTo("vac-ningbo001");
    assertThat(firing.get("commonAnnotations").get("daysOpen").asText()).isEqualTo("30");
    assertThat(firing.get("externalURL").asText()).isEqualTo("http://127.0.0.1:8080/");
    JsonNode alert = firing.get("alerts").get(0);
    assertThat(alert.get("status").asText()).isEqualTo("firing");
    assertThat(alert.get("labels").get("alertname").asText()).isEqualTo("UNFILLED_TECHNICAL_POST");
    assertThat(alert.get("startsAt").asText()).isEqualTo(Alerts.FIRED.toString());
    assertThat(alert.get("endsAt").asText()).isEqualTo("0001-01-01T00:00:00Z");
    assertThat(alert.get("fingerprint").asText()).matches("[0-9a-f]{16}");

    publish(Alerts.resolved("ningbo", "vac-ningbo001"));
    await().atMost(DEADLINE).until(() -> hook.requests().size() == 2);
    JsonNode resolved = hook.requests().get(1).body();
    assertThat(resolved.get("status").asText()).isEqualTo("resolved");
    JsonNode ended = resolved.get("alerts").get(0);
    assertThat(ended.get("status").asText()).isEqualTo("resolved");
    assertThat(ended.get("startsAt").asText()).isEqualTo(Alerts.FIRED.toString());
    assertThat(ended.get("endsAt").asText()).isEqualTo(Alerts.FILLED.toString());
    assertThat(ended.get("fingerprint").asText()).isEqualTo(alert.get("fingerprint").asText());

    // Nothing more: the group is gone once its last alert resolved.
    await().during(Duration.ofSeconds(2)).atMost(DEADLINE).until(() -> hook.requests().size() == 2);
  }

  @Test
  void groupsAlertsByCityAndRoutesEachCityToItsOwnReceivers() throws Exception {
    TestReceiver ministry = receiver(TestReceiver.webhook());
    TestReceiver ningbo = receiver(TestReceiver.webhook());
    webhook("ministry", ministry, "*");
    webhook("ningbo", ningbo, "ningbo");
    options.put("group.wait", "1 s");
    start();

    publish(Alerts.firing("ningbo", "vac-ningbo001"));
    publish(Alerts.firing("ningbo", "vac-ningbo002"));
    publish(Alerts.firing("ningbo", "vac-ningbo003"));
    publish(Alerts.firing("beijing", "vac-beijing001"));

    await().atMost(DEADLINE).until(() -> ministry.requests().size() == 2 && ningbo.requests().size() == 1);
    Map<String, List<String>> byGroup = ministry.requests().stream().collect(Collectors.toMap(
        r -> r.body().get("groupLabels").get("city").asText(), r -> vacancies(r.body())));
    assertThat(byGroup).containsOnlyKeys("ningbo", "beijing");
    assertThat(byGroup.get("ningbo")).containsExactlyInAnyOrder("vac-ningbo001", "vac-ningbo002", "vac-ningbo003");
    assertThat(byGroup.get("beijing")).containsExactly("vac-beijing001");
    assertThat(vacancies(ningbo.requests().get(0).body()))
        .containsExactlyInAnyOrder("vac-ningbo001", "vac-ningbo002", "vac-ningbo003");

    // A later alert joins its group after group.interval, repeating the group's firing alerts.
    publish(Alerts.firing("ningbo", "vac-ningbo004"));
    await().atMost(DEADLINE).until(() -> ningbo.requests().size() == 2);
    assertThat(vacancies(ningbo.requests().get(1).body())).hasSize(4).contains("vac-ningbo004");
    await().during(Duration.ofSeconds(1)).atMost(DEADLINE).until(() -> ministry.requests().size() == 3);
  }

  @Test
  void dingTalkAndFeishuRobotsGetTheirFormatsSigned() throws Exception {
    TestReceiver ding = receiver(TestReceiver.robot());
    TestReceiver feishu = receiver(TestReceiver.robot());
    feishu.answer(200, "{\"code\":0,\"msg\":\"success\",\"data\":{}}");
    options.put("receivers", "ding,fei");
    options.put("receiver.ding.type", "dingtalk");
    options.put("receiver.ding.url", ding.url("/robot/send"));
    options.put("receiver.ding.cities", "ningbo");
    env.put("MATCHSTREAM_RECEIVER_DING_TOKEN", "ding-token");
    env.put("MATCHSTREAM_RECEIVER_DING_SECRET", "SECding");
    options.put("receiver.fei.type", "feishu");
    options.put("receiver.fei.url", feishu.url("/open-apis/bot/v2/hook"));
    options.put("receiver.fei.cities", "ningbo");
    env.put("MATCHSTREAM_RECEIVER_FEI_TOKEN", "fei-token");
    env.put("MATCHSTREAM_RECEIVER_FEI_SECRET", "feisecret");
    start();

    publish(Alerts.firing("ningbo", "vac-ningbo001"));
    await().atMost(DEADLINE).until(() -> ding.requests().size() == 1 && feishu.requests().size() == 1);

    TestReceiver.Request d = ding.requests().get(0);
    Map<String, String> query = java.util.Arrays.stream(d.query().split("&"))
        .collect(Collectors.toMap(kv -> kv.substring(0, kv.indexOf('=')), kv -> kv.substring(kv.indexOf('=') + 1)));
    assertThat(query.get("access_token")).isEqualTo("ding-token");
    String ts = query.get("timestamp");
    assertThat(Long.parseLong(ts)).isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(60_000L));
    assertThat(java.net.URLDecoder.decode(query.get("sign"), java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo(hmacBase64("SECding", ts + "\nSECding"));
    assertThat(d.body().get("msgtype").asText()).isEqualTo("markdown");
    assertThat(d.body().get("markdown").get("title").asText()).isEqualTo("【告警】宁波 · 技术岗位长期空缺（告警 1 · 恢复 0）");
    assertThat(d.body().get("markdown").get("text").asText()).contains("[告警]").contains("http://127.0.0.1:8080/");

    TestReceiver.Request f = feishu.requests().get(0);
    assertThat(f.path()).isEqualTo("/open-apis/bot/v2/hook/fei-token");
    assertThat(f.body().get("msg_type").asText()).isEqualTo("post");
    String fts = f.body().get("timestamp").asText();
    assertThat(Long.parseLong(fts)).isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(60L));
    assertThat(f.body().get("sign").asText()).isEqualTo(hmacBase64(fts + "\nfeisecret", ""));
    JsonNode post = f.body().get("content").get("post").get("zh_cn");
    assertThat(post.get("title").asText()).startsWith("【告警】宁波");
    assertThat(post.get("content").get(0).get(0).get("tag").asText()).isEqualTo("text");
    assertThat(post.get("content").get(0).get(0).get("text").asText()).startsWith("[告警] ");
  }

  private static String hmacBase64(String key, String data) throws Exception {
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(new javax.crypto.spec.SecretKeySpec(key.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
    return java.util.Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  @Test
  void aBurstOfAHundredAlertsBecomesADigestWithinTheRobotsLimit() throws Exception {
    TestReceiver hook = receiver(TestReceiver.webhook());
    TestReceiver wecom = receiver(TestReceiver.robot());
    webhook("ops", hook, "*");
    options.put("receiver.ops.rate-limit", "20");
    options.put("receivers", "ops,wecom");
    options.put("receiver.wecom.type", "wecom");
    options.put("receiver.wecom.url", wecom.url("/cgi-bin/webhook/send"));
    options.put("receiver.wecom.cities", "*");
    env.put("MATCHSTREAM_RECEIVER_WECOM_TOKEN", "wecom-key-1");
    options.put("group.by", "alertname,city,vacancy"); // every alert its own group: 100 groups
    start();

    List<String> sent = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      String city = List.of("ningbo", "beijing", "suzhou", "shenzhen").get(i % 4);
      String vacancy = String.format("vac-%s%03d", city, i);
      sent.add(vacancy);
      Alert alert = Alerts.firing(city, vacancy);
      kafka.producer().send(new ProducerRecord<>(alerts, alert.alertId(), EventCodec.encode(alert)));
    }
    kafka.producer().flush();

    await().atMost(DEADLINE).until(() -> hook.requests().stream().mapToInt(r -> r.body().get("alerts").size()).sum() == 100);
    List<String> delivered = hook.requests().stream().flatMap(r -> vacancies(r.body()).stream()).toList();
    assertThat(delivered).containsExactlyInAnyOrderElementsOf(sent);
    assertThat(hook.requests()).hasSizeLessThanOrEqualTo(20);
    assertThat(hook.requests()).anySatisfy(r -> assertThat(r.body().get("alerts").size()).isGreaterThan(20));

    await().atMost(DEADLINE).until(() -> firingCounted(wecom) == 100);
    assertThat(wecom.requests()).hasSizeLessThanOrEqualTo(20);
    assertThat(wecom.requests()).allSatisfy(r -> {
      assertThat(r.query()).isEqualTo("key=wecom-key-1");
      assertThat(r.body().get("msgtype").asText()).isEqualTo("markdown");
      assertThat(r.body().get("markdown").get("content").asText().getBytes(java.nio.charset.StandardCharsets.UTF_8))
          .hasSizeLessThanOrEqualTo(4096);
    });
    assertThat(wecom.requests()).anySatisfy(r ->
        assertThat(r.body().get("markdown").get("content").asText()).contains("【告警汇总】").contains("…另有"));
    await().during(Duration.ofSeconds(1)).atMost(DEADLINE).until(() -> firingCounted(wecom) == 100);
    assertThat(metrics()).containsPattern("notifier_digests_total\\{receiver=\"wecom\"} [1-9]");
  }

  @Test
  void aReceiverDownForAWhileGetsEverythingOnceWhenItIsBack() throws Exception {
    TestReceiver hook = receiver(TestReceiver.webhook());
    webhook("ops", hook, "*");
    hook.down();
    start();

    List<String> sent = List.of("vac-ningbo001", "vac-ningbo002", "vac-ningbo003", "vac-beijing001", "vac-beijing002");
    for (String vacancy : sent) {
      publish(Alerts.firing(vacancy.substring(4, vacancy.length() - 3), vacancy));
    }
    // Down long enough for several backed-off attempts on each side of the cap.
    await().atMost(DEADLINE).until(() -> counter("notifier_delivery_retries_total{receiver=\"ops\"}") >= 6);
    assertThat(hook.requests()).isEmpty();
    hook.up();

    await().atMost(DEADLINE).until(() -> hook.requests().size() == 2);
    await().during(Duration.ofSeconds(2)).atMost(DEADLINE).until(() -> hook.requests().size() == 2);
    List<String> delivered = hook.requests().stream().flatMap(r -> vacancies(r.body()).stream()).toList();
    assertThat(delivered).containsExactlyInAnyOrderElementsOf(sent);
  }

  @Test
  void aRestartResendsNothing() throws Exception {
    TestReceiver hook = receiver(TestReceiver.webhook());
    webhook("ops", hook, "*");
    Notifier first = start();
    publish(Alerts.firing("ningbo", "vac-ningbo001"));
    publish(Alerts.firing("beijing", "vac-beijing001"));
    await().atMost(DEADLINE).until(() -> hook.requests().size() == 2);
    first.close();

    start();
    // Longer than group.wait and two group.intervals: a resend would have happened by now.
    await().during(Duration.ofSeconds(2)).atMost(DEADLINE).until(() -> hook.requests().size() == 2);

    // The new process knows the receiver heard the alert fire, so it tells it the resolution.
    publish(Alerts.resolved("ningbo", "vac-ningbo001"));
    await().atMost(DEADLINE).until(() -> hook.requests().size() == 3);
    JsonNode resolved = hook.requests().get(2).body();
    assertThat(resolved.get("status").asText()).isEqualTo("resolved");
    assertThat(resolved.get("alerts").get(0).get("startsAt").asText()).isEqualTo(Alerts.FIRED.toString());
  }

  @Test
  void aReceiverThatRefusesIsNotRetriedForeverAndTheAlertIsMarkedUndelivered() throws Exception {
    TestReceiver hook = receiver(TestReceiver.webhook());
    hook.answer(400, "{\"error\":\"unknown receiver\"}");
    webhook("ops", hook, "*");
    start();

    publish(Alerts.firing("ningbo", "vac-ningbo001"));
    await().atMost(DEADLINE).until(() -> hook.requests().size() == 1);
    await().during(Duration.ofSeconds(2)).atMost(DEADLINE).until(() -> hook.requests().size() == 1);

    String metrics = httpMetrics();
    assertThat(metrics).contains("notifier_alerts_undelivered{receiver=\"ops\"} 1.0");
    assertThat(metrics).contains("notifier_notifications_total{outcome=\"rejected\",receiver=\"ops\"} 1.0");
    assertThat(metrics).contains("notifier_alert_changes_total{outcome=\"undelivered\",receiver=\"ops\"} 1.0");

    // Resolved: no longer an undelivered alert, and its resolution is not sent where the firing never arrived.
    publish(Alerts.resolved("ningbo", "vac-ningbo001"));
    await().atMost(DEADLINE).until(() -> counter("notifier_alerts_undelivered{receiver=\"ops\"}") == 0);
    await().during(Duration.ofSeconds(1)).atMost(DEADLINE).until(() -> hook.requests().size() == 1);
  }

  @Test
  void anUnreadableAlertGoesToTheDeadLetterTopicAndTheRestIsDelivered() throws Exception {
    TestReceiver hook = receiver(TestReceiver.webhook());
    webhook("ops", hook, "*");
    start();

    kafka.producer().send(new ProducerRecord<>(alerts, "x", "not an alert".getBytes())).get();
    publish(Alerts.firing("ningbo", "vac-ningbo001"));

    await().atMost(DEADLINE).until(() -> hook.requests().size() == 1);
    DeadLetter dl = EventCodec.decodeDeadLetter(readOne(deadLetters));
    assertThat(dl.sourceTopic()).isEqualTo(alerts);
    assertThat(dl.job()).isEqualTo("notifier");
    assertThat(dl.reason()).startsWith("not JSON");
    assertThat(counter("notifier_alerts_invalid_total")).isEqualTo(1);
  }

  private Notifier notifier;

  private Notifier start() throws Exception {
    notifier = Notifier.start(NotifierConfig.from(options, env));
    closeAfter.add(notifier);
    return notifier;
  }

  private TestReceiver receiver(TestReceiver r) {
    closeAfter.add(r);
    return r;
  }

  private void webhook(String name, TestReceiver r, String cities) {
    String list = options.getOrDefault("receivers", "");
    options.put("receivers", list.isEmpty() ? name : list + "," + name);
    options.put("receiver." + name + ".type", "webhook");
    options.put("receiver." + name + ".url", r.url("/alerts"));
    options.put("receiver." + name + ".cities", cities);
  }

  private void publish(Alert alert) throws Exception {
    kafka.producer().send(new ProducerRecord<>(alerts, alert.alertId(), EventCodec.encode(alert))).get();
  }

  private static List<String> vacancies(JsonNode payload) {
    return StreamSupport.stream(payload.get("alerts").spliterator(), false)
        .map(a -> a.get("labels").get("vacancy").asText()).toList();
  }

  private static int firingCounted(TestReceiver robot) {
    var count = java.util.regex.Pattern.compile("（告警 (\\d+) ·");
    int sum = 0;
    for (TestReceiver.Request r : robot.requests()) {
      var m = count.matcher(r.body().get("markdown").get("content").asText());
      if (m.find()) {
        sum += Integer.parseInt(m.group(1));
      }
    }
    return sum;
  }

  private String metrics() {
    return notifier.scrapeMetrics();
  }

  private double counter(String series) {
    Function<String, Double> value = line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    return metrics().lines().filter(l -> l.startsWith(series + " ")).findFirst().map(value).orElse(0.0);
  }

  private String httpMetrics() throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + notifier.metricsPort() + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  private static byte[] readOne(String topic) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      TopicPartition tp = new TopicPartition(topic, 0);
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      List<byte[]> got = new ArrayList<>();
      await().atMost(DEADLINE).until(() -> {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          got.add(r.value());
        }
        return !got.isEmpty();
      });
      return got.get(0);
    }
  }
}
