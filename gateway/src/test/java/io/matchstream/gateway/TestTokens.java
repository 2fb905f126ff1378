package io.matchstream.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Tokens a real client could hold, including broken ones, signed outside the gateway's code. */
final class TestTokens {
  static final String SECRET = "test-secret-for-the-gateway-tests-0123456789";
  static final String OTHER_SECRET = "another-secret-nobody-configured-0123456789";

  private TestTokens() {}

  static JsonObject claims(String sub, String role, String city, long expSeconds) {
    JsonObject c = new JsonObject()
        .put("sub", sub).put("role", role).put("iss", "matchstream")
        .put("aud", new JsonArray().add("matchstream-dashboards")).put("exp", expSeconds);
    if (city != null) c.put("city", city);
    return c;
  }

  static long inAnHour() {
    return System.currentTimeMillis() / 1000 + 3600;
  }

  static String sign(Vertx vertx, String secret, JsonObject claims) {
    JWTAuth auth = JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret)));
    return auth.generateToken(claims, new JWTOptions().setAlgorithm("HS256").setNoTimestamp(true));
  }

  /** An unsigned token ({@code alg: none}) with valid claims. */
  static String unsigned(JsonObject claims) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String header = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    String body = b64.encodeToString(claims.encode().getBytes(StandardCharsets.UTF_8));
    return header + "." + body + ".";
  }
}
