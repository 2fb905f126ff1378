package io.matchstream.notifier.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import io.matchstream.events.codec.EventCodec;
import io.matchstream.notifier.config.ReceiverConfig;
import io.matchstream.notifier.config.ReceiverType;
import io.matchstream.notifier.format.AlertmanagerPayload;
import io.matchstream.notifier.format.RobotMessages;
import io.matchstream.notifier.format.Signatures;
import io.matchstream.notifier.model.Notification;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Turns a notification into the receiver's HTTP request and says what the answer means. Secrets
 * go into the request only (header, query or body, as each vendor wants) and never into an
 * {@link Outcome}'s detail.
 */
public final class Sender {
  /** Robot error codes that mean "too many messages": retried after a backoff, not dropped. */
  static final Set<Integer> RATE_LIMITED_CODES = Set.of(
      45009, // WeCom: api freq out of limit
      130101, // DingTalk: send too fast
      11232, // Feishu: frequency limited
      230020); // Feishu: per-chat rate limit
  private static final int MAX_BODY_BYTES = 64 * 1024;

  private final HttpClient client;
  private final Duration timeout;
  private final RobotMessages robots;
  private final String externalUrl;
  private final Clock clock;

  public Sender(HttpClient client, Duration timeout, RobotMessages robots, String externalUrl, Clock clock) {
    this.client = client;
    this.timeout = timeout;
    this.robots = robots;
    this.externalUrl = externalUrl;
    this.clock = clock;
  }

  /** Sends, never completing exceptionally: failures become a RETRY or REJECTED outcome. */
  public CompletableFuture<Outcome> send(ReceiverConfig r, Notification n) {
    HttpRequest request;
    try {
      request = request(r, n);
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(new Outcome(Outcome.Kind.REJECTED, 0, "cannot build the request: " + e.getMessage()));
    }
    return client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
        .thenApply(response -> classify(r, response.statusCode(), readBody(response.body())))
        .exceptionally(e -> {
          Throwable cause = e.getCause() != null ? e.getCause() : e;
          String why = cause.getMessage() == null ? "no answer" : cause.getMessage();
          return new Outcome(Outcome.Kind.RETRY, 0, scrub(r, cause.getClass().getSimpleName() + ": " + why));
        });
  }

  HttpRequest request(ReceiverConfig r, Notification n) {
    JsonNode body;
    URI uri;
    String base = r.url().toString();
    switch (r.type()) {
      case WEBHOOK -> {
        body = AlertmanagerPayload.of(n, externalUrl);
        uri = r.url();
      }
      case WECOM -> {
        body = robots.weCom(n);
        uri = URI.create(base + "?key=" + enc(r.token()));
      }
      case DINGTALK -> {
        body = robots.dingTalk(n);
        String query = "?access_token=" + enc(r.token());
        if (r.secret() != null) {
          long ts = clock.millis();
          query += "&timestamp=" + ts + "&sign=" + Signatures.dingTalk(r.secret(), ts);
        }
        uri = URI.create(base + query);
      }
      case FEISHU -> {
        var post = robots.feishu(n);
        if (r.secret() != null) {
          long ts = clock.millis() / 1000;
          post.put("timestamp", Long.toString(ts));
          post.put("sign", Signatures.feishu(r.secret(), ts));
        }
        body = post;
        uri = URI.create((base.endsWith("/") ? base : base + "/") + enc(r.token()));
      }
      default -> throw new IllegalStateException(r.type().toString());
    }
    HttpRequest.Builder b = HttpRequest.newBuilder(uri)
        .timeout(timeout)
        .header("Content-Type", "application/json; charset=utf-8")
        .header("User-Agent", "matchstream-notifier")
        .POST(HttpRequest.BodyPublishers.ofByteArray(EventCodec.encode(body)));
    if (r.type() == ReceiverType.WEBHOOK && r.token() != null) {
      b.header("Authorization", "Bearer " + r.token());
    }
    return b.build();
  }

  /** 2xx is delivered unless a robot's body says otherwise; 408, 429 and 5xx retry; the rest is refused. */
  static Outcome classify(ReceiverConfig r, int status, String body) {
    if (status >= 200 && status < 300) {
      if (!r.type().isRobot()) {
        return new Outcome(Outcome.Kind.DELIVERED, status, "ok");
      }
      int code = robotCode(body);
      if (code == 0) {
        return new Outcome(Outcome.Kind.DELIVERED, status, "ok");
      }
      Outcome.Kind kind = RATE_LIMITED_CODES.contains(code) ? Outcome.Kind.RETRY : Outcome.Kind.REJECTED;
      return new Outcome(kind, status, "robot error " + code + ": " + scrub(r, clip(body)));
    }
    if (status == 408 || status == 429 || status >= 500) {
      return new Outcome(Outcome.Kind.RETRY, status, "HTTP " + status + ": " + scrub(r, clip(body)));
    }
    return new Outcome(Outcome.Kind.REJECTED, status, "HTTP " + status + ": " + scrub(r, clip(body)));
  }

  /** WeCom and DingTalk answer {@code errcode}, Feishu {@code code}; 0 is success. Unreadable: 0. */
  static int robotCode(String body) {
    try {
      JsonNode node = EventCodec.mapper().readTree(body);
      if (node == null || !node.isObject()) {
        return 0;
      }
      JsonNode code = node.has("errcode") ? node.get("errcode") : node.get("code");
      return code != null && code.canConvertToInt() ? code.asInt() : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  private static String readBody(InputStream in) {
    try (in) {
      return new String(in.readNBytes(MAX_BODY_BYTES), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  private static String clip(String s) {
    String one = s == null ? "" : s.replaceAll("\\s+", " ").trim();
    return one.length() > 200 ? one.substring(0, 200) + "…" : one;
  }

  /** Removes the receiver's secrets from text that is about to be logged. */
  static String scrub(ReceiverConfig r, String text) {
    String out = text == null ? "" : text;
    for (String secret : new String[] {r.token(), r.secret()}) {
      if (secret != null && !secret.isEmpty()) {
        out = out.replace(secret, "***").replace(enc(secret), "***");
      }
    }
    return out;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
