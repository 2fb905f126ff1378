package io.matchstream.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.matchstream.events.cities.CityRegistry;
import io.matchstream.gateway.auth.Scopes;
import io.matchstream.gateway.auth.Tokens;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import io.matchstream.gateway.auth.Viewer;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class TokensTest {
  @Test
  void aMintedCityTokenVerifiesAsThatCity(Vertx vertx) {
    Tokens tokens = Tokens.withSecret(vertx, TestTokens.SECRET, CityRegistry.loadDefault());
    Viewer v = tokens.verify(tokens.city("park-ningbo", "ningbo", Duration.ofMinutes(5))).await();
    assertThat(v.role()).isEqualTo(Viewer.Role.CITY);
    assertThat(v.city()).isEqualTo("ningbo");
    assertThat(v.sub()).isEqualTo("park-ningbo");
  }

  @Test
  void aScopeIsCarriedAndOnlyKnownScopesCount(Vertx vertx) {
    Tokens tokens = Tokens.withSecret(vertx, TestTokens.SECRET, CityRegistry.loadDefault());
    Viewer writer = tokens.verify(tokens.city("park-hr", "ningbo", Duration.ofMinutes(5),
        Set.of(Scopes.WRITE_OUTCOMES))).await();
    assertThat(writer.mayWriteOutcomes("ningbo")).isTrue();
    assertThat(writer.mayWriteOutcomes("beijing")).isFalse();
    assertThat(writer.toJson().getString("scope")).isEqualTo("write:outcomes");
    Viewer viewer = tokens.verify(tokens.city("park", "ningbo", Duration.ofMinutes(5))).await();
    assertThat(viewer.mayWriteOutcomes("ningbo")).isFalse();
    assertThat(viewer.toJson().containsKey("scope")).isFalse();

    JsonObject claims = TestTokens.claims("x", "city", "ningbo", TestTokens.inAnHour());
    Viewer odd = tokens.verify(TestTokens.sign(vertx, TestTokens.SECRET,
        claims.copy().put("scope", "admin write:everything"))).await();
    assertThat(odd.scopes()).isEmpty();
    assertThatThrownBy(() -> tokens.verify(TestTokens.sign(vertx, TestTokens.SECRET,
        claims.copy().put("scope", new JsonArray().add("write:outcomes")))).await())
        .hasMessageContaining("scope");
    assertThatThrownBy(() -> tokens.city("x", "ningbo", Duration.ofMinutes(5), Set.of("admin")))
        .hasMessageContaining("unknown scope 'admin'");
  }

  @Test
  void aShortSecretIsRefused(Vertx vertx) {
    assertThatThrownBy(() -> Tokens.withSecret(vertx, "too-short", CityRegistry.loadDefault()))
        .hasMessageContaining("jwt.secret");
  }

  @Test
  void aTokenForAnUnknownCityCannotBeMinted(Vertx vertx) {
    Tokens tokens = Tokens.withSecret(vertx, TestTokens.SECRET, CityRegistry.loadDefault());
    assertThatThrownBy(() -> tokens.city("x", "atlantis", Duration.ofMinutes(5))).hasMessageContaining("atlantis");
  }
}
