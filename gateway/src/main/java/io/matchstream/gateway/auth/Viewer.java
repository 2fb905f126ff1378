package io.matchstream.gateway.auth;

import io.matchstream.gateway.state.ChannelName;
import io.vertx.core.json.JsonObject;

/**
 * Who is looking, as proven by a verified token. Everything a viewer may see is derived from this,
 * never from what a client asks for.
 *
 * @param sub pseudonymous viewer id
 * @param role ministry (every city) or city (one city)
 * @param city the city id for role city; null for the ministry
 * @param expiresAtMillis when the token expires, epoch milliseconds
 * @param scopes capabilities beyond reading ({@link Scopes}); empty for a viewer
 */
public record Viewer(String sub, Role role, String city, long expiresAtMillis, java.util.Set<String> scopes) {

  public Viewer {
    scopes = scopes == null ? java.util.Set.of() : java.util.Set.copyOf(scopes);
  }

  /** A viewer: reads, writes nothing. */
  public Viewer(String sub, Role role, String city, long expiresAtMillis) {
    this(sub, role, city, expiresAtMillis, java.util.Set.of());
  }

  public enum Role {
    MINISTRY,
    CITY;

    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public boolean isMinistry() {
    return role == Role.MINISTRY;
  }

  /** Whether this viewer may see data of a city. */
  public boolean maySeeCity(String cityId) {
    return isMinistry() || (cityId != null && cityId.equals(city));
  }

  /** Whether this viewer may read a (parsed, valid) channel. Deny by default. */
  public boolean mayRead(ChannelName channel) {
    if (channel == null) return false;
    return channel.cityId() == null ? isMinistry() : maySeeCity(channel.cityId());
  }

  /**
   * Whether this viewer may record outcomes of a city's matches: the {@link Scopes#WRITE_OUTCOMES}
   * capability and a city it may see. Deny by default.
   */
  public boolean mayWriteOutcomes(String cityId) {
    return scopes.contains(Scopes.WRITE_OUTCOMES) && maySeeCity(cityId);
  }

  public boolean mayWriteOutcomes() {
    return scopes.contains(Scopes.WRITE_OUTCOMES);
  }

  /** Who holds a connection, for the per-viewer connection limit: the same sub in two cities is two viewers. */
  public String key() {
    return role.wire() + "/" + (city == null ? "" : city) + "/" + sub;
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("sub", sub).put("role", role.wire()).put("city", city);
    if (!scopes.isEmpty()) json.put("scope", String.join(" ", new java.util.TreeSet<>(scopes)));
    return json;
  }
}
