package io.matchstream.gateway.http;

import io.matchstream.events.MatchOutcome;
import io.matchstream.events.codec.EventValidator;
import io.matchstream.events.codec.ParseResult;
import io.matchstream.gateway.GatewayMetrics;
import io.matchstream.gateway.auth.Scopes;
import io.matchstream.gateway.auth.Viewer;
import io.matchstream.gateway.outcomes.IdempotencyKeys;
import io.matchstream.gateway.outcomes.OutcomeWriter;
import io.matchstream.gateway.web.ApiError;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/outcomes} (one JSON object) and {@code POST /api/outcomes/batch} (JSON lines):
 * a city's HR park records what became of its matches. Checked in this order, each refusal naming
 * what was wrong: the {@code write:outcomes} capability (403), the {@code Idempotency-Key} header
 * (400), the body's size (413) and each outcome's fields (400, the events contract's validation),
 * the city of each outcome against the token's (403); then the key (a retry is answered as the
 * first time, 409 while the first is running, 422 for another body under the same key). 202 once
 * Kafka has acknowledged every record; 503 when it has not (nothing is remembered: retry).
 * A batch is all or nothing: one bad line and none is written.
 */
public final class OutcomesHandler {
  private static final Logger LOG = LoggerFactory.getLogger(OutcomesHandler.class);

  public static final String ONE = "/api/outcomes";
  public static final String BATCH = "/api/outcomes/batch";
  /** The largest single outcome request: one outcome is about 300 bytes. */
  public static final int MAX_ONE_BYTES = 8 * 1024;
  static final String KEY_HEADER = "Idempotency-Key";

  private final OutcomeWriter writer;
  private final IdempotencyKeys keys;
  private final EventValidator validator;
  private final int maxBatchRecords;
  private final int maxBatchBytes;
  private final int maxInFlight;
  private final AtomicInteger inFlight;
  private final GatewayMetrics metrics;

  /**
   * @param writer the Kafka writer, or null when the gateway has no Kafka (then 503)
   * @param inFlight requests being written, shared by every event loop
   */
  public OutcomesHandler(OutcomeWriter writer, IdempotencyKeys keys, EventValidator validator,
      int maxBatchRecords, int maxBatchBytes, int maxInFlight, AtomicInteger inFlight, GatewayMetrics metrics) {
    this.metrics = metrics;
    this.writer = writer;
    this.keys = keys;
    this.validator = validator;
    this.maxBatchRecords = maxBatchRecords;
    this.maxBatchBytes = maxBatchBytes;
    this.maxInFlight = maxInFlight;
    this.inFlight = inFlight;
  }

  /** The routes; after the /api authentication, before the /api catch-all. */
  void mount(Router router) {
    // Three routes each, in this order (vertx-web refuses a body handler after a user handler on
    // one route): the capability is checked before the body is read.
    router.post(ONE).handler(this::mayWrite);
    router.post(ONE).handler(BodyHandler.create(false).setBodyLimit(MAX_ONE_BYTES));
    router.post(ONE).handler(ctx -> write(ctx, false));
    router.post(BATCH).handler(this::mayWrite);
    router.post(BATCH).handler(BodyHandler.create(false).setBodyLimit(maxBatchBytes));
    router.post(BATCH).handler(ctx -> write(ctx, true));
  }

  /** Capability and key before the body is read: a stranger's body is not even buffered. */
  private void mayWrite(RoutingContext ctx) {
    ctx.addHeadersEndHandler(v -> metrics.outcomeRequest(ctx.response().getStatusCode()));
    Viewer viewer = ApiAuthHandler.viewer(ctx);
    if (!viewer.mayWriteOutcomes()) {
      ApiError.send(ctx, 403, "forbidden", null, "this token may not write outcomes: it lacks the '"
          + Scopes.WRITE_OUTCOMES + "' scope");
      return;
    }
    String key = ctx.request().getHeader(KEY_HEADER);
    if (key == null || key.isEmpty()) {
      ApiError.badParameter(ctx, KEY_HEADER, "the " + KEY_HEADER + " header is required, e.g. a UUID per request");
      return;
    }
    if (!IdempotencyKeys.FORMAT.matcher(key).matches()) {
      ApiError.badParameter(ctx, KEY_HEADER, "the " + KEY_HEADER + " header must be 1-128 of [A-Za-z0-9._:+/=-]");
      return;
    }
    ctx.next();
  }

  private void write(RoutingContext ctx, boolean batch) {
    Viewer viewer = ApiAuthHandler.viewer(ctx);
    Buffer body = ctx.body().buffer();
    if (body == null || body.length() == 0) {
      ApiError.badParameter(ctx, "body", "the body is empty: expected " + (batch ? "JSON lines" : "a JSON object"));
      return;
    }
    List<MatchOutcome> outcomes = new ArrayList<>();
    if (!(batch ? readLines(ctx, body, outcomes) : readOne(ctx, body.getBytes(), outcomes))) return;
    for (int i = 0; i < outcomes.size(); i++) {
      MatchOutcome o = outcomes.get(i);
      if (!viewer.mayWriteOutcomes(o.cityId())) {
        String message = (batch ? "line " + (i + 1) + ": " : "") + "a writer for "
            + (viewer.city() == null ? "no city" : viewer.city()) + " may not write outcomes of city '" + o.cityId() + "'";
        send(ctx, 403, "forbidden", "cityId", message, batch ? i + 1 : 0);
        return;
      }
    }
    IdempotencyKeys.Decision decision = keys.begin(viewer.key(), ctx.request().getHeader(KEY_HEADER), body.getBytes());
    if (decision instanceof IdempotencyKeys.Replay r) {
      ctx.response().putHeader("Idempotent-Replayed", "true");
      answer(ctx, r.status(), r.answer());
    } else if (decision instanceof IdempotencyKeys.InProgress) {
      ApiError.send(ctx, 409, "conflict", KEY_HEADER, "a request with this " + KEY_HEADER + " is still being written; retry later");
    } else if (decision instanceof IdempotencyKeys.Mismatch) {
      ApiError.send(ctx, 422, "unprocessable", KEY_HEADER, "this " + KEY_HEADER + " was used for a different request body");
    } else if (decision instanceof IdempotencyKeys.Proceed p) {
      proceed(ctx, p, outcomes);
    }
  }

  private void proceed(RoutingContext ctx, IdempotencyKeys.Proceed p, List<MatchOutcome> outcomes) {
    if (writer == null) {
      keys.abandon(p);
      ApiError.send(ctx, 503, "unavailable", null, "outcomes cannot be recorded: this gateway has no Kafka");
      return;
    }
    if (inFlight.incrementAndGet() > maxInFlight) {
      inFlight.decrementAndGet();
      keys.abandon(p);
      ctx.response().putHeader("Retry-After", "1");
      ApiError.send(ctx, 503, "busy", null, "too many outcome requests in flight; retry shortly");
      return;
    }
    writer.write(outcomes).onComplete(done -> {
      inFlight.decrementAndGet();
      if (done.succeeded()) {
        String answer = new JsonObject().put("accepted", outcomes.size()).encode();
        keys.complete(p, 202, answer);
        metrics.outcomesWritten(outcomes.size());
        answer(ctx, 202, answer);
      } else {
        keys.abandon(p);
        LOG.warn("outcomes not acknowledged by Kafka ({} records): {}", outcomes.size(), done.cause().toString());
        ctx.response().putHeader("Retry-After", "5");
        ApiError.send(ctx, 503, "unavailable", null, "Kafka did not acknowledge the outcomes; retry with the same "
            + KEY_HEADER);
      }
    });
  }

  private boolean readOne(RoutingContext ctx, byte[] bytes, List<MatchOutcome> out) {
    ParseResult<MatchOutcome> r = validator.parseOutcome(bytes);
    if (!r.isValid()) {
      send(ctx, 400, "bad_request", r.field() == null ? "body" : r.field(), r.reason(), 0);
      return false;
    }
    out.add(r.value());
    return true;
  }

  /** One outcome per line; blank lines (and a final newline) are skipped. */
  private boolean readLines(RoutingContext ctx, Buffer body, List<MatchOutcome> out) {
    String text = body.toString(StandardCharsets.UTF_8);
    int line = 0;
    int start = 0;
    while (start <= text.length()) {
      int end = text.indexOf('\n', start);
      if (end < 0) end = text.length();
      line++;
      String json = text.substring(start, end).strip();
      start = end + 1;
      if (json.isEmpty()) continue;
      if (out.size() == maxBatchRecords) {
        send(ctx, 413, "too_large", "body", "a batch holds at most " + maxBatchRecords + " outcomes (outcomes.batch-records)", 0);
        return false;
      }
      ParseResult<MatchOutcome> r = validator.parseOutcome(json.getBytes(StandardCharsets.UTF_8));
      if (!r.isValid()) {
        send(ctx, 400, "bad_request", r.field() == null ? "body" : r.field(), "line " + line + ": " + r.reason(), line);
        return false;
      }
      out.add(r.value());
    }
    if (out.isEmpty()) {
      ApiError.badParameter(ctx, "body", "the batch holds no outcome: expected one JSON object per line");
      return false;
    }
    return true;
  }

  private static void send(RoutingContext ctx, int status, String error, String parameter, String message, int line) {
    if (line == 0) {
      ApiError.send(ctx, status, error, parameter, message);
      return;
    }
    JsonObject body = new JsonObject().put("error", error).put("parameter", parameter).put("line", line)
        .put("message", message);
    answer(ctx, status, body.encode());
  }

  private static void answer(RoutingContext ctx, int status, String json) {
    if (ctx.response().ended()) return;
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8").end(json);
  }
}
