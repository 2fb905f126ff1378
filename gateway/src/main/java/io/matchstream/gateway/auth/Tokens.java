package io.matchstream.gateway.auth;

import io.matchstream.events.cities.CityRegistry;
import io.matchstream.gateway.GatewayConfig;
import io.vertx.ext.auth.User;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Mints and verifies the viewers' tokens: HS256 JWTs with issuer {@value #ISSUER} and audience
 * {@value #AUDIENCE} (docs/protocol.md, "Access"). Used by the {@code token} command, the
 * development token endpoint, the server and tests.
 */
public final class Tokens {
  public static final String ISSUER = "matchstream";
  public static final String AUDIENCE = "matchstream-dashboards";
  public static final int MIN_SECRET_BYTES = 32;

  /**
   * The built-in development key. It is public (it is in the repository), so the server refuses it
   * unless bound to loopback, and says so loudly when it is used.
   */
  public static final String DEV_SECRET = "matchstream-DEVELOPMENT-ONLY-key-public-in-the-repo";

  private final JWTAuth auth;
  private final CityRegistry cities;
  private final Duration maxTtl;

  private Tokens(JWTAuth auth, CityRegistry cities, Duration maxTtl) {
    this.auth = auth;
    this.cities = cities;
    this.maxTtl = maxTtl;
  }

  /** As {@link #withSecret(Vertx, String, CityRegistry, Duration)} with the default ceiling. */
  public static Tokens withSecret(Vertx vertx, String secret, CityRegistry cities) {
    return withSecret(vertx, secret, cities, GatewayConfig.DEFAULT_JWT_MAX_TTL);
  }

  /**
   * Tokens signed and checked with a shared secret.
   *
   * @param maxTtl the longest lifetime a token may have: longer ones are neither minted nor
   *     accepted, so a leaked token cannot be good for years
   * @throws IllegalArgumentException if the secret is shorter than {@value #MIN_SECRET_BYTES} bytes
   */
  public static Tokens withSecret(Vertx vertx, String secret, CityRegistry cities, Duration maxTtl) {
    if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException(
          "jwt.secret must be at least " + MIN_SECRET_BYTES + " bytes (HS256)");
    }
    JWTAuthOptions options =
        new JWTAuthOptions()
            .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret))
            .setJWTOptions(
                new JWTOptions()
                    .setAlgorithm("HS256")
                    .setIssuer(ISSUER)
                    .setAudience(List.of(AUDIENCE))
                    .setLeeway(0));
    return new Tokens(new SafeJwtAuth(JWTAuth.create(vertx, options)), cities, maxTtl);
  }

  /** The verifier, for vertx-web's {@code JWTAuthHandler}. */
  public JWTAuth jwtAuth() {
    return auth;
  }

  /** The token of an {@code Authorization: Bearer …} header, or null. */
  public static String bearer(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) return null;
    return authorization.substring(7).trim();
  }

  /** A ministry token: sees every city. */
  public String ministry(String sub, Duration ttl) {
    return ministry(sub, ttl, Set.of());
  }

  /** A ministry token with capabilities beyond reading ({@link Scopes}). */
  public String ministry(String sub, Duration ttl, Set<String> scopes) {
    return mint(sub, Viewer.Role.MINISTRY, null, ttl, scopes);
  }

  /** A city token: sees only {@code cityId}. */
  public String city(String sub, String cityId, Duration ttl) {
    return city(sub, cityId, ttl, Set.of());
  }

  /** A city token with capabilities beyond reading ({@link Scopes}), e.g. a park's HR system. */
  public String city(String sub, String cityId, Duration ttl, Set<String> scopes) {
    if (!cities.contains(cityId)) {
      throw new IllegalArgumentException("unknown city '" + cityId + "'");
    }
    return mint(sub, Viewer.Role.CITY, cityId, ttl, scopes);
  }

  private String mint(String sub, Viewer.Role role, String city, Duration ttl, Set<String> scopes) {
    if (sub == null || sub.isBlank()) throw new IllegalArgumentException("sub is required");
    if (ttl.isNegative() || ttl.isZero()) throw new IllegalArgumentException("ttl must be positive");
    if (ttl.compareTo(maxTtl) > 0) {
      throw new IllegalArgumentException("ttl " + ttl + " is above the maximum token lifetime " + maxTtl
          + " (jwt.max-ttl)");
    }
    JsonObject claims = new JsonObject().put("role", role.wire());
    if (city != null) claims.put("city", city);
    if (!scopes.isEmpty()) claims.put("scope", Scopes.claim(scopes));
    JWTOptions options =
        new JWTOptions()
            .setAlgorithm("HS256")
            .setIssuer(ISSUER)
            .setAudience(List.of(AUDIENCE))
            .setSubject(sub)
            .setExpiresInSeconds((int) Math.min(Integer.MAX_VALUE, ttl.toSeconds()));
    return auth.generateToken(claims, options);
  }

  /**
   * Verifies a token: signature (HS256 only; {@code alg: none} is refused), expiry, issuer,
   * audience, and the viewer claims. Fails with a short reason that never contains the token.
   */
  public Future<Viewer> verify(String token) {
    if (token == null || token.isBlank()) {
      return Future.failedFuture(new TokenException("missing token"));
    }
    return auth.authenticate(new TokenCredentials(token))
        .recover(e -> Future.failedFuture(new TokenException("invalid or expired token")))
        .compose(u -> viewer(u));
  }

  /**
   * The viewer of a user that vertx-auth-jwt has authenticated (signature, expiry, issuer,
   * audience): checks the viewer claims and the lifetime ceiling.
   */
  public Future<Viewer> viewer(User user) {
    try {
      return viewerOf(claimsOf(user.principal(), user.attributes()));
    } catch (RuntimeException e) {
      return reject("token claims are malformed");
    }
  }

  /** The decoded claims: vertx-auth-jwt keeps them under {@code accessToken} in the attributes. */
  private static JsonObject claimsOf(JsonObject principal, JsonObject attributes) {
    JsonObject decoded = attributes == null ? null : attributes.getJsonObject("accessToken");
    return decoded != null ? decoded : principal;
  }

  private Future<Viewer> viewerOf(JsonObject claims) {
    Object exp = claims.getValue("exp");
    String sub = claims.getString("sub");
    String role = claims.getValue("role") instanceof String s ? s : null;
    Object city = claims.getValue("city");
    Object scope = claims.getValue("scope");
    if (!(exp instanceof Number expSeconds) || !Double.isFinite(expSeconds.doubleValue())) {
      return reject("token has no numeric exp");
    }
    double lifetimeLeft = expSeconds.doubleValue() - System.currentTimeMillis() / 1000.0;
    if (lifetimeLeft > maxTtl.toSeconds()) {
      return reject("token lifetime is above the maximum of " + maxTtl);
    }
    if (sub == null || sub.isBlank()) return reject("token has no sub");
    if (scope != null && !(scope instanceof String)) return reject("token scope is not a string");
    Set<String> scopes = scope == null ? Set.of() : Scopes.parse((String) scope);
    if ("ministry".equals(role)) {
      return Future.succeededFuture(
          new Viewer(sub, Viewer.Role.MINISTRY, null, expSeconds.longValue() * 1000, scopes));
    }
    if ("city".equals(role) && city instanceof String c && cities.contains(c)) {
      return Future.succeededFuture(new Viewer(sub, Viewer.Role.CITY, c, expSeconds.longValue() * 1000, scopes));
    }
    return reject("token has no valid role and city");
  }

  private static Future<Viewer> reject(String reason) {
    return Future.failedFuture(new TokenException(reason));
  }

  /** A token was refused; the message is safe to show and to log. */
  public static final class TokenException extends RuntimeException {
    public TokenException(String message) {
      super(message, null, false, false);
    }
  }
}
