package io.matchstream.notifier.config;

import java.util.Locale;

/** Where a receiver's messages go, and in which format. */
public enum ReceiverType {
  /** Alertmanager's webhook payload ({@code version: "4"}), so existing tooling takes it. */
  WEBHOOK(null, 0),
  /** WeCom (企业微信) group robot: {@code msgtype: markdown}; the key goes in {@code ?key=}. */
  WECOM("https://qyapi.weixin.qq.com/cgi-bin/webhook/send", 20),
  /** DingTalk (钉钉) custom robot: {@code msgtype: markdown}; {@code ?access_token=}, signed. */
  DINGTALK("https://oapi.dingtalk.com/robot/send", 20),
  /** Feishu (飞书) custom bot: {@code msg_type: post}; the token is the last path segment, signed. */
  FEISHU("https://open.feishu.cn/open-apis/bot/v2/hook", 20);

  private final String defaultUrl;
  private final int defaultRateLimit;

  ReceiverType(String defaultUrl, int defaultRateLimit) {
    this.defaultUrl = defaultUrl;
    this.defaultRateLimit = defaultRateLimit;
  }

  /** The vendor's endpoint, without the token; null when the URL must be given. */
  public String defaultUrl() {
    return defaultUrl;
  }

  /** Messages per rate window the vendor accepts (robots: about 20 a minute); 0 for no limit. */
  public int defaultRateLimit() {
    return defaultRateLimit;
  }

  public boolean isRobot() {
    return this != WEBHOOK;
  }

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
