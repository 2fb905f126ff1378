package io.matchstream.notifier.format;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The robots' request signatures (加签). Both sign {@code timestamp + "\n" + secret} with HMAC-SHA256. */
public final class Signatures {
  private Signatures() {}

  /**
   * DingTalk: HMAC-SHA256 keyed with the secret over {@code timestamp\nsecret}, base64, then
   * URL-encoded for the {@code sign} query parameter.
   *
   * @param timestampMillis the {@code timestamp} parameter, epoch milliseconds
   */
  public static String dingTalk(String secret, long timestampMillis) {
    byte[] mac = hmac(secret.getBytes(StandardCharsets.UTF_8),
        (timestampMillis + "\n" + secret).getBytes(StandardCharsets.UTF_8));
    return URLEncoder.encode(Base64.getEncoder().encodeToString(mac), StandardCharsets.UTF_8);
  }

  /**
   * Feishu: HMAC-SHA256 keyed with {@code timestamp\nsecret} over nothing, base64; sent in the
   * body's {@code sign} field beside {@code timestamp}.
   *
   * @param timestampSeconds the {@code timestamp} field, epoch seconds
   */
  public static String feishu(String secret, long timestampSeconds) {
    byte[] mac = hmac((timestampSeconds + "\n" + secret).getBytes(StandardCharsets.UTF_8), new byte[0]);
    return Base64.getEncoder().encodeToString(mac);
  }

  private static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
