package io.matchstream.gateway.auth;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.Credentials;
import io.vertx.ext.auth.jwt.JWTAuth;

/**
 * vertx-auth-jwt, except that a token it chokes on fails the future instead of throwing. A
 * validly signed token with an odd claim ({@code "exp": "soon"}, {@code null}, an array…) makes
 * the library throw a ClassCastException after the signature check; thrown out of a handler that
 * is a 500 and a stack trace, while it is only a bad token: 401.
 */
final class SafeJwtAuth implements JWTAuth {
  private final JWTAuth delegate;

  SafeJwtAuth(JWTAuth delegate) {
    this.delegate = delegate;
  }

  @Override
  public Future<User> authenticate(Credentials credentials) {
    try {
      return delegate.authenticate(credentials);
    } catch (RuntimeException e) {
      return Future.failedFuture(new Tokens.TokenException("malformed token claims"));
    }
  }

  @Override
  public String generateToken(JsonObject claims, JWTOptions options) {
    return delegate.generateToken(claims, options);
  }

  @Override
  public String generateToken(JsonObject claims) {
    return delegate.generateToken(claims);
  }
}
