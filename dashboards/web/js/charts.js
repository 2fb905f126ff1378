// ECharts set up once for a dark wall screen: big type, high contrast, readable without colour
// (ARIA descriptions for screen readers, decal patterns on filled marks), type that grows with
// the screen like the page's rem.

import * as echarts from '../vendor/echarts/echarts.esm.min.js';

export const COLORS = {
  text: '#e6edf6',
  muted: '#8a9bb4',
  grid: '#22324a',
  accent: '#38bdf8',
  good: '#34d399',
  warn: '#fbbf24',
  bad: '#f87171',
  land: '#15233a',
  border: '#3b5577',
};

/** n pixels of the 1920x1080 design, scaled like the page's rem (13px laptop … 32px 4K wall). */
function px(n) {
  return Math.round((n * rem()) / 16);
}

function rem() {
  return parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
}

// Diagonal stripes on bars and areas: the bars read apart from the line without their colour.
const STRIPES = { symbol: 'rect', color: 'rgba(230,237,246,0.28)', dashArrayX: [1, 0], dashArrayY: [3, 5], rotation: Math.PI / 4 };

/**
 * Options every chart shares. description is what a screen reader announces for the chart (in the
 * viewer's language): ECharts puts it in the container's aria-label.
 */
function base(description) {
  return {
    backgroundColor: 'transparent',
    // The page's own font list: canvas text has no 'inherit' (a font it cannot parse becomes 10px sans-serif).
    textStyle: { color: COLORS.text, fontSize: px(16), fontFamily: getComputedStyle(document.body).fontFamily },
    // No animation: a wall that keeps redrawing itself is harder to read than one that just changes.
    animation: false,
    aria: { enabled: true, label: { enabled: true, description }, decal: { show: true } },
  };
}

/**
 * A chart in el. draw(build) sets the option build() returns, and builds it again when the window
 * changes the page's rem (type and margins are sized from it), in the same step as the resize.
 */
export function chart(el) {
  const c = echarts.init(el, null, { renderer: 'canvas' });
  let build = null;
  let builtAt = 0;
  const apply = () => {
    builtAt = rem();
    c.setOption(build());
  };
  new ResizeObserver(() => {
    c.resize();
    if (build && rem() !== builtAt) apply();
  }).observe(el);
  return {
    draw(b) {
      build = b;
      apply();
    },
  };
}

let mapReady = null;
/** Registers the province outlines once (echarts@4.9.0's china.json, served locally). */
export function loadChinaMap() {
  if (!mapReady) {
    mapReady = fetch('vendor/echarts-china-map/china.json')
      .then((r) => {
        if (!r.ok) throw new Error(`china.json: HTTP ${r.status}`);
        return r.json();
      })
      .then((geo) => echarts.registerMap('china', geo));
  }
  return mapReady;
}

/**
 * The 39 cities on the China map, dot size and colour by today's smart matches.
 * points: [{name, lon, lat, value}]
 */
export function mapOption(points, formatCount, description) {
  const max = Math.max(100, ...points.map((p) => p.value || 0));
  return {
    ...base(description),
    tooltip: {
      trigger: 'item',
      formatter: (p) => (p.seriesType === 'scatter' ? `${p.name}: ${formatCount(p.value[2])}` : p.name),
    },
    geo: {
      map: 'china',
      roam: false,
      top: px(10),
      bottom: px(10),
      left: px(10),
      // Room for the names of the easternmost cities (哈尔滨), drawn to the right of their dots.
      right: px(50),
      silent: true,
      itemStyle: { areaColor: COLORS.land, borderColor: COLORS.border, borderWidth: 1 },
      emphasis: { disabled: true },
    },
    visualMap: {
      type: 'continuous',
      min: 0,
      max,
      dimension: 2,
      calculable: false,
      left: px(20),
      bottom: px(20),
      itemWidth: px(20),
      itemHeight: px(140),
      text: [formatCount(max), '0'],
      textStyle: { color: COLORS.muted, fontSize: px(16) },
      inRange: { color: ['#1e6fa8', '#38bdf8', '#fbbf24', '#f97316'] },
    },
    series: [
      {
        type: 'scatter',
        coordinateSystem: 'geo',
        data: points.map((p) => ({ name: p.name, value: [p.lon, p.lat, p.value || 0] })),
        // Size says what the colour says, so the map reads without colour too.
        symbolSize: (v) => px(8) + px(34) * Math.sqrt((v[2] || 0) / max),
        // Names where they fit: in the crowded east a label that would cover another is left out.
        labelLayout: { hideOverlap: true },
        label: {
          show: true,
          formatter: (p) => (p.value[2] >= max * 0.35 ? p.name : ''),
          position: 'right',
          color: COLORS.text,
          fontSize: px(16),
        },
        itemStyle: { opacity: 0.9, borderColor: '#0b1220', borderWidth: 1 },
      },
    ],
  };
}

/** Smart matches per day, oldest first: [{day, matches}]. */
export function trendOption(trend, formatCount, description) {
  return {
    ...base(description),
    // The labels decide the left margin: a day with the stock's matches reaches 1,000,000.
    grid: { left: px(12), right: px(20), top: px(20), bottom: px(36), containLabel: true },
    tooltip: { trigger: 'axis', valueFormatter: formatCount },
    xAxis: {
      type: 'category',
      data: trend.map((d) => d.day.slice(5)),
      axisLabel: { color: COLORS.muted, fontSize: px(16) },
      axisLine: { lineStyle: { color: COLORS.grid } },
    },
    yAxis: {
      type: 'value',
      axisLabel: { color: COLORS.muted, fontSize: px(16), formatter: formatCount },
      splitLine: { lineStyle: { color: COLORS.grid } },
    },
    series: [
      {
        type: 'line',
        data: trend.map((d) => d.matches),
        smooth: true,
        symbolSize: px(6),
        lineStyle: { width: px(3), color: COLORS.accent },
        itemStyle: { color: COLORS.accent, decal: STRIPES },
        areaStyle: { color: 'rgba(56,189,248,0.15)' },
      },
    ],
  };
}

/**
 * Today's curve: matches per hour (bars) and cumulative (line) against a daily reference. Hours
 * after nowHour (the hour the figures are as of) are left empty rather than drawn as zero.
 */
export function dayCurveOption(byHour, nowHour, reference, labels, formatCount, description) {
  let sum = 0;
  const cumulative = byHour.map((n) => (sum += n));
  return {
    ...base(description),
    legend: {
      top: 0,
      left: 'center',
      itemWidth: px(25),
      itemHeight: px(14),
      textStyle: { color: COLORS.text, fontSize: px(16) },
    },
    grid: { left: px(80), right: px(80), top: px(40), bottom: px(36) },
    tooltip: { trigger: 'axis', valueFormatter: formatCount },
    xAxis: {
      type: 'category',
      data: byHour.map((_, h) => `${String(h).padStart(2, '0')}:00`),
      axisLabel: { color: COLORS.muted, fontSize: px(16) },
      axisLine: { lineStyle: { color: COLORS.grid } },
    },
    yAxis: [
      {
        type: 'value',
        name: labels.perHour,
        nameTextStyle: { color: COLORS.muted, fontSize: px(16) },
        axisLabel: { color: COLORS.muted, fontSize: px(16), formatter: formatCount },
        splitLine: { lineStyle: { color: COLORS.grid } },
      },
      {
        type: 'value',
        name: labels.cumulative,
        nameTextStyle: { color: COLORS.muted, fontSize: px(16) },
        max: (v) => Math.max(v.max, reference) * 1.08,
        // The headroom above the reference is not a round figure: its label sat on the 3,000 one.
        axisLabel: { color: COLORS.muted, fontSize: px(16), formatter: formatCount, showMaxLabel: false },
        splitLine: { show: false },
      },
    ],
    series: [
      {
        name: labels.perHour,
        type: 'bar',
        data: byHour.map((n, h) => (h <= nowHour || n > 0 ? n : null)),
        itemStyle: { color: '#1e6fa8', decal: STRIPES },
      },
      {
        name: labels.cumulative,
        type: 'line',
        yAxisIndex: 1,
        data: cumulative.map((n, h) => (h <= nowHour || byHour[h] > 0 ? n : null)),
        lineStyle: { width: px(4), color: COLORS.accent },
        itemStyle: { color: COLORS.accent },
        symbolSize: px(6),
        markLine: {
          symbol: 'none',
          silent: true,
          lineStyle: { color: COLORS.warn, type: 'dashed', width: px(2) },
          label: { color: COLORS.warn, fontSize: px(15), formatter: labels.reference, position: 'insideEndTop' },
          data: [{ yAxis: reference }],
        },
      },
    ],
  };
}
