package io.matchstream.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.matchstream.events.cities.CityRegistry;
import io.matchstream.gateway.auth.Tokens;
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
