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
 */
public record Viewer(String sub, Role role, String city, long expiresAtMillis) {

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

  /** Who holds a connection, for the per-viewer connection limit: the same sub in two cities is two viewers. */
  public String key() {
    return role.wire() + "/" + (city == null ? "" : city) + "/" + sub;
  }

  public JsonObject toJson() {
    return new JsonObject().put("sub", sub).put("role", role.wire()).put("city", city);
  }
}
