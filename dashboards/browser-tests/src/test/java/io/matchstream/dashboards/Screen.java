package io.matchstream.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a viewer on a given screen sees, measured in the real browser: whether the page scrolls
 * sideways, where the header's buttons are, and the WCAG contrast of every piece of text.
 */
final class Screen {

  /** WCAG 2 AA for normal text. */
  static final double MIN_CONTRAST = 4.5;

  private static final String LAYOUT =
      """
      const box = (id) => {
        const b = document.getElementById(id).getBoundingClientRect();
        return { left: b.left, top: b.top, right: b.right, bottom: b.bottom, width: b.width };
      };
      const charts = [...document.querySelectorAll('.chart')].map((c) => {
        const canvas = c.querySelector('canvas');
        return { id: c.id, width: c.clientWidth, canvas: canvas ? canvas.clientWidth : -1, aria: c.getAttribute('aria-label') };
      });
      return {
        scrollWidth: document.documentElement.scrollWidth,
        bodyScrollWidth: document.body.scrollWidth,
        innerWidth: window.innerWidth,
        innerHeight: window.innerHeight,
        rem: parseFloat(getComputedStyle(document.documentElement).fontSize),
        lang: box('lang'),
        signout: box('signout'),
        charts,
      };
      """;

  // Every visible element with text of its own: its colour composited over the backgrounds behind
  // it (walking up until an opaque one), then the WCAG relative-luminance ratio.
  private static final String CONTRAST =
      """
      const parse = (c) => {
        const m = /rgba?\\(([^)]+)\\)/.exec(c);
        if (!m) return null;
        const p = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
        return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
      };
      const over = (top, under) => [0, 1, 2].map((i) => top[i] * top[3] + under[i] * (1 - top[3])).concat(1);
      const lum = (c) => {
        const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
        return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
      };
      const background = (el) => {
        const layers = [];
        for (let e = el; e; e = e.parentElement) {
          const c = parse(getComputedStyle(e).backgroundColor);
          if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
        }
        let bg = [255, 255, 255, 1];
        for (let i = layers.length - 1; i >= 0; i--) bg = over(layers[i], bg);
        return bg;
      };
      const results = [];
      for (const el of document.body.querySelectorAll('*')) {
        const own = [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join('').trim();
        if (!own) continue;
        const b = el.getBoundingClientRect();
        if (b.width === 0 || b.height === 0 || el.closest('[hidden]')) continue;
        const style = getComputedStyle(el);
        if (style.visibility === 'hidden') continue;
        const bg = background(el);
        const fg = over(parse(style.color), bg);
        const l1 = lum(fg), l2 = lum(bg);
        const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
        results.push({
          element: el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className ? '.' + String(el.className).replace(/ +/g, '.') : ''),
          text: own.slice(0, 30), color: style.color, background: 'rgb(' + bg.slice(0, 3).map(Math.round).join(',') + ')',
          ratio: Math.round(ratio * 100) / 100,
        });
      }
      return results;
      """;

  private final Browser browser;
  final int width;
  final int height;

  Screen(Browser browser, int width, int height) {
    this.browser = browser;
    this.width = width;
    this.height = height;
  }

  String name() {
    return width + "x" + height;
  }

  /** Resizes the viewport and waits until every chart has been redrawn at its panel's new width. */
  @SuppressWarnings("unchecked")
  Map<String, Object> resizeAndSettle() {
    browser.viewport(width, height);
    browser.waitUpTo(Duration.ofSeconds(15))
        .withMessage(() -> "charts redrawn at " + name() + ": " + layout().get("charts"))
        .until(d -> {
          Map<String, Object> l = layout();
          return ((Number) l.get("innerWidth")).intValue() == width
              && ((List<Map<String, Object>>) l.get("charts")).stream()
                  .allMatch(c -> ((Number) c.get("canvas")).intValue() == ((Number) c.get("width")).intValue());
        });
    return layout();
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> layout() {
    return (Map<String, Object>) browser.script(LAYOUT);
  }

  /** No sideways scrolling, and the language and sign-out buttons wholly on screen. */
  @SuppressWarnings("unchecked")
  void assertFitsWithButtonsOnScreen() {
    Map<String, Object> l = layout();
    assertThat(((Number) l.get("scrollWidth")).doubleValue())
        .as("document.scrollWidth at %s (a page wider than the window scrolls sideways): %s", name(), l)
        .isLessThanOrEqualTo(((Number) l.get("innerWidth")).doubleValue());
    assertThat(((Number) l.get("bodyScrollWidth")).doubleValue())
        .as("body.scrollWidth at %s", name())
        .isLessThanOrEqualTo(((Number) l.get("innerWidth")).doubleValue());
    for (String button : List.of("lang", "signout")) {
      Map<String, Object> box = (Map<String, Object>) l.get(button);
      assertThat(((Number) box.get("left")).doubleValue()).as("%s left at %s", button, name()).isGreaterThanOrEqualTo(0);
      assertThat(((Number) box.get("top")).doubleValue()).as("%s top at %s", button, name()).isGreaterThanOrEqualTo(0);
      assertThat(((Number) box.get("right")).doubleValue()).as("%s right at %s", button, name()).isLessThanOrEqualTo(width);
      assertThat(((Number) box.get("bottom")).doubleValue()).as("%s bottom at %s", button, name()).isLessThanOrEqualTo(height);
      assertThat(((Number) box.get("width")).doubleValue()).as("%s width at %s", button, name()).isPositive();
    }
  }

  /** Every chart carries a screen-reader description (ECharts' ARIA label) containing the text given. */
  @SuppressWarnings("unchecked")
  void assertChartsDescribed(Map<String, String> chartIdToExpectedText) {
    List<Map<String, Object>> charts = (List<Map<String, Object>>) layout().get("charts");
    assertThat(charts).extracting(c -> c.get("id")).containsExactlyInAnyOrderElementsOf(chartIdToExpectedText.keySet());
    for (Map<String, Object> c : charts) {
      assertThat((String) c.get("aria"))
          .as("aria-label of #%s", c.get("id"))
          .isNotNull()
          .contains(chartIdToExpectedText.get((String) c.get("id")));
    }
  }

  /** Every visible text on the page reaches 4.5:1 against what is behind it; returns how many were checked. */
  @SuppressWarnings("unchecked")
  int assertTextContrast() {
    List<Map<String, Object>> all = (List<Map<String, Object>>) browser.script(CONTRAST);
    List<Map<String, Object>> poor =
        all.stream().filter(r -> ((Number) r.get("ratio")).doubleValue() < MIN_CONTRAST).toList();
    assertThat(poor).as("texts under %s:1 contrast at %s", MIN_CONTRAST, name()).isEmpty();
    double min = all.stream().mapToDouble(r -> ((Number) r.get("ratio")).doubleValue()).min().orElse(0);
    System.out.printf("contrast at %s: %d texts checked, lowest %.2f:1%n", name(), all.size(), min);
    return all.size();
  }
}
