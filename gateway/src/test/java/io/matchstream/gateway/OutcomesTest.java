package io.matchstream.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.matchstream.events.Ids;
import io.matchstream.events.MatchOutcome;
import io.matchstream.events.OutcomeActor;
import io.matchstream.events.OutcomeReason;
import io.matchstream.events.OutcomeStage;
import io.matchstream.events.Topics;
import io.matchstream.events.codec.EventCodec;
import io.matchstream.gateway.auth.Scopes;
import io.matchstream.testkit.kafka.Broker;
import io.matchstream.testkit.kafka.TopicDrain;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Outcomes written over REST by a real HTTP client, read back from {@code match-outcomes} on a
 * real broker: who may write, idempotency, validation naming the field, batches.
 */
@ExtendWith(VertxExtension.class)
class OutcomesTest {
  private static final AtomicInteger MATCHES = new AtomicInteger();
  @RegisterExtension
  static final Broker kafka = Broker.withContractTopics();

  private GatewayFixture gw;
  private WebClient client;

  @BeforeEach
  void start(Vertx vertx) {
    gw = new GatewayFixture(vertx, new JsonObject().put("kafka.bootstrap-servers", kafka.bootstrapServers())
        .put("outcomes.batch-records", 5).put("outcomes.batch-bytes", 4096));
    client = WebClient.create(vertx);
  }

  @AfterEach
  void stop() {
    client.close();
    gw.close();
  }

  /** A park operator of the city, with the write capability. */
  private String writer(String city) {
    return gw.gateway.tokens().city("park-hr-" + city, city, Duration.ofHours(1), Set.of(Scopes.WRITE_OUTCOMES));
  }

  /** An outcome of a match seen by no other test, an hour ago. */
  private static MatchOutcome anOutcome(String city, OutcomeStage stage) {
    int n = MATCHES.incrementAndGet();
    String matchId = Ids.matchId("vac-" + city + String.format("%06d", n), "cand-" + String.format("%08d", n));
    OutcomeReason reason = stage.isProgress() ? OutcomeReason.ADVANCED : OutcomeReason.PAY;
    return new MatchOutcome(Ids.outcomeId(matchId, stage), matchId, System.currentTimeMillis() - 3_600_000L, 1, city,
        stage, OutcomeActor.PARK_OPERATOR, reason);
  }

  @Test
  void aViewerTokenCannotWriteEvenItsOwnCity() {
    MatchOutcome o = anOutcome("ningbo", OutcomeStage.CONTACTED);
    for (String viewer : List.of(gw.city("ningbo"), gw.ministry())) {
      HttpResponse<Buffer> r = post("/api/outcomes", viewer, key(), json(o));
      assertThat(r.statusCode()).isEqualTo(403);
      assertThat(r.bodyAsJsonObject().getString("message")).contains("write:outcomes");
    }
    assertThat(recordsOf(o.matchId())).isEmpty();
  }

  @Test
  void aCityWriterCannotWriteAnotherCitysMatch() {
    MatchOutcome beijing = anOutcome("beijing", OutcomeStage.HIRED);
    HttpResponse<Buffer> r = post("/api/outcomes", writer("ningbo"), key(), json(beijing));
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.bodyAsJsonObject().getString("parameter")).isEqualTo("cityId");
    assertThat(r.bodyAsJsonObject().getString("message")).contains("ningbo").contains("'beijing'");

    MatchOutcome ningbo = anOutcome("ningbo", OutcomeStage.CONTACTED);
    HttpResponse<Buffer> batch = post("/api/outcomes/batch", writer("ningbo"), key(), json(ningbo) + "\n" + json(beijing));
    assertThat(batch.statusCode()).isEqualTo(403);
    assertThat(batch.bodyAsJsonObject().getInteger("line")).isEqualTo(2);
    assertThat(recordsOf(beijing.matchId())).isEmpty();
    assertThat(recordsOf(ningbo.matchId())).as("a batch is all or nothing").isEmpty();
  }

  @Test
  void anOutcomeLandsOnMatchOutcomesKeyedByItsMatch() throws Exception {
    MatchOutcome o = anOutcome("ningbo", OutcomeStage.INTERVIEW);
    HttpResponse<Buffer> r = post("/api/outcomes", writer("ningbo"), key(), json(o));
    assertThat(r.statusCode()).isEqualTo(202);
    assertThat(r.bodyAsJsonObject().getInteger("accepted")).isEqualTo(1);

    List<TopicDrain.Rec> records = recordsOf(o.matchId());
    assertThat(records).hasSize(1);
    assertThat(records.get(0).key()).isEqualTo(o.matchId());
    assertThat(EventCodec.decodeOutcome(records.get(0).value())).isEqualTo(o);
  }

  @Test
  void theSameIdempotencyKeyTwiceWritesOneRecord() {
    MatchOutcome o = anOutcome("ningbo", OutcomeStage.OFFER);
    String key = key();
    HttpResponse<Buffer> first = post("/api/outcomes", writer("ningbo"), key, json(o));
    HttpResponse<Buffer> retry = post("/api/outcomes", writer("ningbo"), key, json(o));
    assertThat(first.statusCode()).isEqualTo(202);
    assertThat(retry.statusCode()).isEqualTo(202);
    assertThat(retry.getHeader("Idempotent-Replayed")).isEqualTo("true");
    assertThat(retry.bodyAsString()).isEqualTo(first.bodyAsString());
    assertThat(recordsOf(o.matchId())).hasSize(1);
    String metrics = client.get(gw.port(), "127.0.0.1", "/metrics").send().await().bodyAsString();
    assertThat(metrics).contains("gateway_outcome_requests_total{status=\"202\"} 2.0")
        .contains("gateway_outcomes_written_total 1.0");

    HttpResponse<Buffer> other = post("/api/outcomes", writer("ningbo"), key, json(anOutcome("ningbo", OutcomeStage.HIRED)));
    assertThat(other.statusCode()).as("another body under a used key").isEqualTo(422);
    assertThat(other.bodyAsJsonObject().getString("parameter")).isEqualTo("Idempotency-Key");
  }

  @Test
  void concurrentRetriesOfOneKeyWriteOneRecord() {
    MatchOutcome o = anOutcome("ningbo", OutcomeStage.CONTACTED);
    String key = key();
    String token = writer("ningbo");
    List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      sent.add(client.post(gw.port(), "127.0.0.1", "/api/outcomes").putHeader("Authorization", "Bearer " + token)
          .putHeader("Idempotency-Key", key).sendBuffer(Buffer.buffer(json(o))));
    }
    List<Integer> statuses = sent.stream().map(f -> f.await().statusCode()).collect(Collectors.toList());
    assertThat(statuses).containsOnly(202, 409).contains(202);
    assertThat(recordsOf(o.matchId())).hasSize(1);
  }

  @Test
  void aBatchOfJsonLinesIsWrittenInOrder() throws Exception {
    MatchOutcome contacted = anOutcome("wuhan", OutcomeStage.CONTACTED);
    String matchId = contacted.matchId();
    long t = contacted.eventTime();
    List<MatchOutcome> steps = List.of(contacted,
        new MatchOutcome(Ids.outcomeId(matchId, OutcomeStage.INTERVIEW), matchId, t + 1000, 1, "wuhan",
            OutcomeStage.INTERVIEW, OutcomeActor.EMPLOYER, OutcomeReason.ADVANCED),
        new MatchOutcome(Ids.outcomeId(matchId, OutcomeStage.DECLINED), matchId, t + 2000, 1, "wuhan",
            OutcomeStage.DECLINED, OutcomeActor.CANDIDATE, OutcomeReason.SHIFT_PATTERN));
    String body = steps.stream().map(OutcomesTest::json).collect(Collectors.joining("\n", "", "\n"));
    HttpResponse<Buffer> r = post("/api/outcomes/batch", writer("wuhan"), key(), body);
    assertThat(r.statusCode()).isEqualTo(202);
    assertThat(r.bodyAsJsonObject().getInteger("accepted")).isEqualTo(3);

    List<TopicDrain.Rec> records = recordsOf(matchId);
    assertThat(records).extracting(TopicDrain.Rec::key).containsOnly(matchId);
    List<MatchOutcome> read = new ArrayList<>();
    for (TopicDrain.Rec rec : records) read.add(EventCodec.decodeOutcome(rec.value()));
    assertThat(read).containsExactlyElementsOf(steps);
  }

  @Test
  void aBatchNamesTheLineAndFieldOfItsFirstDefectAndWritesNothing() {
    MatchOutcome good = anOutcome("ningbo", OutcomeStage.CONTACTED);
    String bad = json(anOutcome("ningbo", OutcomeStage.CONTACTED)).replace("\"PARK_OPERATOR\"", "\"RECRUITER\"");
    HttpResponse<Buffer> r = post("/api/outcomes/batch", writer("ningbo"), key(), json(good) + "\n\n" + bad + "\n");
    assertThat(r.statusCode()).isEqualTo(400);
    JsonObject answer = r.bodyAsJsonObject();
    assertThat(answer.getString("parameter")).isEqualTo("actor");
    assertThat(answer.getInteger("line")).isEqualTo(3);
    assertThat(answer.getString("message")).isEqualTo("line 3: unknown value 'RECRUITER' in 'actor'");
    assertThat(recordsOf(good.matchId())).isEmpty();
  }

  @Test
  void batchesAreBoundedInRecordsAndBytes() {
    String six = Stream.generate(() -> json(anOutcome("ningbo", OutcomeStage.CONTACTED))).limit(6)
        .collect(Collectors.joining("\n"));
    HttpResponse<Buffer> many = post("/api/outcomes/batch", writer("ningbo"), key(), six);
    assertThat(many.statusCode()).isEqualTo(413);
    assertThat(many.bodyAsJsonObject().getString("message")).contains("at most 5");
    HttpResponse<Buffer> big = post("/api/outcomes/batch", writer("ningbo"), key(), " ".repeat(5000));
    assertThat(big.statusCode()).isEqualTo(413);
    assertThat(big.bodyAsJsonObject().getString("parameter")).isEqualTo("body");
    HttpResponse<Buffer> bigOne = post("/api/outcomes", writer("ningbo"), key(), " ".repeat(9000));
    assertThat(bigOne.statusCode()).isEqualTo(413);
  }

  static Stream<Arguments> badRequests() {
    MatchOutcome o = anOutcome("ningbo", OutcomeStage.HIRED);
    String ok = json(o);
    return Stream.of(
        Arguments.of("no key", ok, null, 400, "Idempotency-Key"),
        Arguments.of("a key with a space", ok, "two words", 400, "Idempotency-Key"),
        Arguments.of("empty body", "", "k-1", 400, "body"),
        Arguments.of("not JSON", "outcome: hired", "k-1", 400, "body"),
        Arguments.of("outcomeId", ok.replace(o.outcomeId(), "o-13800000000 张三"), "k-1", 400, "outcomeId"),
        Arguments.of("matchId", ok.replace(o.matchId(), "m-1"), "k-1", 400, "matchId"),
        Arguments.of("eventTime", ok.replaceFirst("\"eventTime\":\"[^\"]+\"", "\"eventTime\":\"2026-03-02 09:15\""),
            "k-1", 400, "eventTime"),
        Arguments.of("schemaVersion", ok.replace("\"schemaVersion\":1", "\"schemaVersion\":9"), "k-1", 400, "schemaVersion"),
        Arguments.of("cityId", ok.replace("\"ningbo\"", "\"atlantis\""), "k-1", 400, "cityId"),
        Arguments.of("stage", ok.replace("\"HIRED\"", "\"PROMOTED\""), "k-1", 400, "stage"),
        Arguments.of("actor", ok.replace("\"PARK_OPERATOR\"", "\"CANDIDATE\""), "k-1", 400, "actor"),
        Arguments.of("reasonCode", ok.replace("\"ADVANCED\"", "\"PAY\""), "k-1", 400, "reasonCode"),
        Arguments.of("a field named twice", ok.replace("{", "{\"stage\":\"OFFER\","), "k-1", 400, "stage"));
  }

  @ParameterizedTest(name = "{0} -> {3} naming {4}")
  @MethodSource("badRequests")
  void eachBadFieldGetsA4xxNamingIt(String what, String body, String key, int status, String parameter) {
    String unique = key == null || key.contains(" ") ? key : key + UUID.randomUUID();
    HttpResponse<Buffer> r = post("/api/outcomes", writer("ningbo"), unique, body);
    assertThat(r.statusCode()).isEqualTo(status);
    JsonObject answer = r.bodyAsJsonObject();
    assertThat(answer.getString("parameter")).isEqualTo(parameter);
    assertThat(answer.getString("message")).contains(parameter.equals("body") ? "" : parameter);
  }

  @Test
  void onlyPostIsServedAndATokenIsRequired() {
    assertThat(client.get(gw.port(), "127.0.0.1", "/api/outcomes").send().await().statusCode()).isEqualTo(405);
    HttpResponse<Buffer> anonymous = client.post(gw.port(), "127.0.0.1", "/api/outcomes")
        .putHeader("Idempotency-Key", key()).sendBuffer(Buffer.buffer(json(anOutcome("ningbo", OutcomeStage.CONTACTED))))
        .await();
    assertThat(anonymous.statusCode()).isEqualTo(401);
  }

  private HttpResponse<Buffer> post(String path, String token, String key, String body) {
    var req = client.post(gw.port(), "127.0.0.1", path).putHeader("Authorization", "Bearer " + token);
    if (key != null) req.putHeader("Idempotency-Key", key);
    return req.sendBuffer(Buffer.buffer(body)).await();
  }

  private static String key() {
    return UUID.randomUUID().toString();
  }

  private static String json(MatchOutcome o) {
    return EventCodec.encodeToString(o);
  }

  /** Every record of {@code match-outcomes} keyed by the match, reading to the end as of now. */
  private static List<TopicDrain.Rec> recordsOf(String matchId) {
    return TopicDrain.of(kafka.bootstrapServers()).readUncommitted().within(Duration.ofSeconds(30))
        .records(Topics.MATCH_OUTCOMES).stream().filter(r -> matchId.equals(r.key())).collect(Collectors.toList());
  }
}
