package io.matchstream.notifier.config;

import io.matchstream.events.AlertType;
import java.net.URI;
import java.time.Duration;
import java.util.Set;

/**
 * One receiver: a city's or the ministry's channel.
 *
 * @param name id used in options ({@code receiver.<name>.…}), metrics and the delivery log
 * @param type format and vendor
 * @param url endpoint without any secret (robots: the vendor's, unless overridden)
 * @param cities city ids whose alerts go here; empty means every city (the ministry)
 * @param alertTypes alert types that go here; empty means all
 * @param rateLimit messages per {@code rateWindow} at most; 0 for no limit
 * @param rateWindow the window of {@code rateLimit}
 * @param token webhook bearer token or robot key/access token, from the environment only; may be
 *     null for a webhook
 * @param secret DingTalk/Feishu signing secret, from the environment only; null to send unsigned
 */
public record ReceiverConfig(
    String name,
    ReceiverType type,
    URI url,
    Set<String> cities,
    Set<AlertType> alertTypes,
    int rateLimit,
    Duration rateWindow,
    String token,
    String secret) {

  /** Whether an alert of this city and type is for this receiver. */
  public boolean accepts(String cityId, AlertType alertType) {
    return (cities.isEmpty() || cities.contains(cityId))
        && (alertTypes.isEmpty() || alertTypes.contains(alertType));
  }

  /** Never prints the secrets, so a config can be logged. */
  @Override
  public String toString() {
    return "ReceiverConfig[" + name + ", " + type.key() + ", " + url
        + ", cities=" + (cities.isEmpty() ? "*" : cities)
        + ", token=" + (token == null ? "none" : "set")
        + ", secret=" + (secret == null ? "none" : "set") + "]";
  }
}
