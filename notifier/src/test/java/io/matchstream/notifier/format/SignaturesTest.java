package io.matchstream.notifier.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The robots' signatures, checked the way each vendor's server verifies them. */
class SignaturesTest {
  @Test
  void dingTalkSignsTimestampNewlineSecretWithTheSecretAndUrlEncodes() throws Exception {
    String secret = "SEC0123456789abcdef";
    long ts = 1_700_000_000_123L;

    String sign = Signatures.dingTalk(secret, ts);

    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String expected = Base64.getEncoder().encodeToString(mac.doFinal((ts + "\n" + secret).getBytes(StandardCharsets.UTF_8)));
    assertThat(URLDecoder.decode(sign, StandardCharsets.UTF_8)).isEqualTo(expected);
    assertThat(sign).doesNotContain("+", "/", "=");
  }

  @Test
  void feishuKeysTheHmacWithTimestampNewlineSecretOverNothing() throws Exception {
    String secret = "feishu-secret";
    long ts = 1_700_000_000L;

    String sign = Signatures.feishu(secret, ts);

    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec((ts + "\n" + secret).getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    assertThat(sign).isEqualTo(Base64.getEncoder().encodeToString(mac.doFinal()));
  }
}
