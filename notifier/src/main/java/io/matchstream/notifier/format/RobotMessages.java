package io.matchstream.notifier.format;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.matchstream.events.AlertType;
import io.matchstream.events.ShanghaiCalendar;
import io.matchstream.events.cities.City;
import io.matchstream.events.cities.CityRegistry;
import io.matchstream.notifier.model.AlertView;
import io.matchstream.notifier.model.Notification;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The group robots' message bodies, in Chinese: WeCom and DingTalk markdown, Feishu rich text
 * ({@code post}). One line per alert, firing first; lines that would exceed the vendor's size
 * limit are folded into "…另有 N 条".
 */
public final class RobotMessages {
  /** WeCom's markdown content is limited to 4096 bytes. */
  static final int WECOM_BYTES = 4000;
  /** DingTalk and Feishu accept about 20 KB per request. */
  static final int LARGE_BYTES = 16_000;

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ShanghaiCalendar.ZONE);

  private final CityRegistry cities;
  private final String externalUrl;

  public RobotMessages(CityRegistry cities, String externalUrl) {
    this.cities = cities;
    this.externalUrl = externalUrl;
  }

  /** {@code {"msgtype":"markdown","markdown":{"content":…}}}. */
  public ObjectNode weCom(Notification n) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("msgtype", "markdown");
    root.putObject("markdown").put("content", markdown(n, WECOM_BYTES));
    return root;
  }

  /** {@code {"msgtype":"markdown","markdown":{"title":…,"text":…}}}. */
  public ObjectNode dingTalk(Notification n) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("msgtype", "markdown");
    ObjectNode md = root.putObject("markdown");
    md.put("title", title(n));
    md.put("text", markdown(n, LARGE_BYTES));
    return root;
  }

  /**
   * {@code {"msg_type":"post","content":{"post":{"zh_cn":{"title":…,"content":[[…]]}}}}}; the
   * caller adds {@code timestamp} and {@code sign} when the bot is signed.
   */
  public ObjectNode feishu(Notification n) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("msg_type", "post");
    ObjectNode zh = root.putObject("content").putObject("post").putObject("zh_cn");
    zh.put("title", title(n));
    ArrayNode paragraphs = zh.putArray("content");
    for (String line : lines(n, LARGE_BYTES)) {
      paragraphs.addArray().addObject().put("tag", "text").put("text", line);
    }
    ArrayNode link = paragraphs.addArray();
    link.addObject().put("tag", "a").put("text", "打开看板").put("href", externalUrl);
    return root;
  }

  /** "【告警】宁波 · 技术岗位长期空缺（告警 3 · 恢复 1）", or a digest's "【告警汇总】…". */
  String title(Notification n) {
    String counts = "（告警 " + n.firingCount() + " · 恢复 " + n.resolvedCount() + "）";
    if (n.digest()) {
      return "【告警汇总】" + n.groups() + " 组" + counts;
    }
    String city = n.groupLabels().get("city");
    String type = n.groupLabels().get("alertname");
    String subject = String.join(" · ", nonNull(city == null ? null : cityName(city), type == null ? null : typeName(type)));
    return ("firing".equals(n.status()) ? "【告警】" : "【已恢复】") + (subject.isEmpty() ? "matchstream" : subject) + counts;
  }

  private String markdown(Notification n, int budget) {
    StringBuilder md = new StringBuilder("### ").append(title(n)).append("\n\n");
    for (String line : lines(n, budget - bytes(md.toString()) - 200)) {
      md.append("- ").append(line).append('\n');
    }
    md.append("\n[打开看板](").append(externalUrl).append(')');
    return md.toString();
  }

  /** One plain line per alert within the byte budget, then a line counting the rest. */
  List<String> lines(Notification n, int budget) {
    List<String> out = new ArrayList<>();
    int used = 0;
    List<AlertView> alerts = n.alerts();
    for (int i = 0; i < alerts.size(); i++) {
      String line = line(alerts.get(i));
      int size = bytes(line) + 3;
      if (used + size > budget - 40) {
        out.add("…另有 " + (alerts.size() - i) + " 条，详见看板");
        break;
      }
      out.add(line);
      used += size;
    }
    return out;
  }

  private String line(AlertView a) {
    StringBuilder s = new StringBuilder(a.firing() ? "[告警] " : "[恢复] ");
    String summary = a.annotations().get("summary");
    String city = a.labels().get("city");
    s.append(summary != null ? summary : cityName(city) + " " + typeName(a.labels().get("alertname")));
    List<String> facts = new ArrayList<>();
    if (city != null && (summary == null || !summary.contains(cityName(city)))) {
      facts.add(cityName(city));
    }
    if (a.labels().containsKey("occupation")) {
      facts.add("职业 " + a.labels().get("occupation"));
    }
    if (a.annotations().containsKey("daysOpen")) {
      facts.add("已空缺 " + a.annotations().get("daysOpen") + " 天");
    }
    if (a.annotations().containsKey("ratio")) {
      facts.add("求人倍率 " + a.annotations().get("ratio"));
    }
    facts.add((a.firing() ? "开始 " : "恢复 ") + TIME.format(Instant.ofEpochMilli(a.firing() ? a.startsAt() : a.endsAt())));
    return s.append("（").append(String.join("，", facts)).append("）").toString();
  }

  private String cityName(String id) {
    if (id == null) {
      return "";
    }
    City c = cities.contains(id) ? cities.get(id) : null;
    return c == null ? id : c.nameZh();
  }

  static String typeName(String alertname) {
    try {
      return switch (AlertType.valueOf(alertname)) {
        case UNFILLED_TECHNICAL_POST -> "技术岗位长期空缺";
        case SHORTAGE -> "岗位缺工";
      };
    } catch (IllegalArgumentException e) {
      return alertname;
    }
  }

  private static List<String> nonNull(String... parts) {
    List<String> out = new ArrayList<>();
    for (String p : parts) {
      if (p != null && !p.isEmpty()) {
        out.add(p);
      }
    }
    return out;
  }

  private static int bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}
