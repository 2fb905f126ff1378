// Operations room: all 39 cities on one wall screen.

import { chart, loadChinaMap, mapOption, trendOption } from './charts.js';
import { PastDays } from './history.js';
import { count, decimal, percent, t, time } from './i18n.js';
import { el, fill, Shell } from './shell.js';
import { mountRanking } from './ranking.js';
import { alertItem, cohortAged, COHORT_SETTLED_DAYS, matchesYesterday, Renderer } from './widgets.js';

const TICKER_SIZE = 40;

const state = {
  national: null,
  cities: new Map(), // cityId -> CityStats
  ticker: [], // sampled matches of every city, newest first
  alerts: new Map(), // alertId -> FIRING Alert
  sort: { key: 'matchesToday', desc: true },
};

const shell = await Shell.start(() => renderer.all());
if (shell.viewer.role !== 'ministry') {
  // A city viewer has nothing here; its own page shows only its city.
  location.replace('city.html');
  await new Promise(() => {});
}

const mapChart = chart(document.getElementById('map'));
const trendChart = chart(document.getElementById('trend'));
const mapLoaded = loadChinaMap();
const pastDays = new PastDays('/api/history/national', () => renderer.mark('trend'));

// A wall screen redraws twice a second at most: under a flood of figures (every city's
// republished per event) drawing the map and table ten times a second starves the page.
const renderer = new Renderer(
  {
    kpis: renderKpis,
    map: renderMap,
    table: renderTable,
    ticker: renderTicker,
    alerts: renderAlerts,
    trend: renderTrend,
  },
  500,
);

for (const th of document.querySelectorAll('#cities th[data-sort]')) {
  th.addEventListener('click', () => {
    const key = th.dataset.sort;
    state.sort = { key, desc: state.sort.key === key ? !state.sort.desc : key !== 'city' };
    renderer.mark('table');
  });
}

// Channels: national figures, all alerts, each city's figures and the national ticker; the
// client asks for them all in one subscribe message.
shell.client.subscribe('national:stats', {
  snapshot: (data) => setNational(data),
  delta: (data) => setNational(data),
});
shell.client.subscribe('alerts', {
  snapshot: (data) => {
    state.alerts = new Map((data || []).map((a) => [a.alertId, a]));
    renderer.mark('alerts');
  },
  delta: (a) => {
    if (a.state === 'FIRING') state.alerts.set(a.alertId, a);
    else state.alerts.delete(a.alertId);
    renderer.mark('alerts');
  },
});
for (const city of shell.cities) {
  shell.client.subscribe(`city:${city.id}:stats`, {
    snapshot: (data) => setCity(city.id, data),
    delta: (data) => setCity(city.id, data),
  });
}
// The ticker: the gateway's sample of every city's matches (national:ticker, a few a second),
// rather than 39 full match channels a wall screen could never show anyway.
shell.client.subscribe('national:ticker', {
  snapshot: (data) => {
    state.ticker = (data || []).slice(-TICKER_SIZE).reverse();
    renderer.mark('ticker');
  },
  delta: (m) => {
    state.ticker.unshift(m);
    state.ticker.length = Math.min(state.ticker.length, TICKER_SIZE);
    renderer.mark('ticker');
  },
});
mountRanking(shell, renderer, document.getElementById('ranking-panel'), 'national:ranking', true);
shell.client.connect();

function setNational(data) {
  state.national = data;
  if (data) shell.fresh(data.eventTime);
  pastDays.follow(data?.day);
  renderer.mark('kpis', 'trend');
}

function setCity(cityId, data) {
  if (data) state.cities.set(cityId, data);
  else state.cities.delete(cityId);
  if (data) shell.fresh(data.eventTime);
  renderer.mark('map', 'table');
}

function renderKpis() {
  const n = state.national;
  const set = (id, text) => {
    document.getElementById(id).textContent = text;
  };
  set('kpi-matchesToday', count(n?.matchesToday));
  set('kpi-placements', count(n?.placements));
  set('kpi-openVacancies', count(n?.openVacancies));
  set('kpi-availableCandidates', count(n?.availableCandidates));
  set('kpi-ratio', decimal(n?.vacancyToJobseekerRatio));
  set('kpi-medianDaysToFill', decimal(n?.medianDaysToFill, 1));
  set('kpi-technicalUnfilled', count(n?.technicalUnfilledPastThreshold));
  set('kpi-dispatchShare', percent(n?.dispatchShare));
  // The national funnel, briefly: today's hires through matches, the hire rate of the matches made
  // a week ago (the yardstick for the cities' column), and the share of placements through a match.
  set('kpi-hiresViaMatch', count(n?.funnel?.today?.hires));
  set('kpi-settledRate', percent(cohortAged(n, COHORT_SETTLED_DAYS)?.hireRate));
  set('kpi-matchShare', percent(n?.funnel?.matchShareOfPlacements));
}

async function renderMap() {
  await mapLoaded;
  const points = shell.cities.map((c) => ({
    name: shell.cityName(c.id),
    lon: c.lon,
    lat: c.lat,
    value: state.cities.get(c.id)?.matchesToday || 0,
  }));
  const top = points.reduce((best, p) => (p.value > (best?.value ?? -1) ? p : best), null);
  const description = t('aria.map', { n: count(points.length), top: top?.name ?? '–', value: count(top?.value) });
  mapChart.draw(() => mapOption(points, count, description));
}

function renderTrend() {
  const trend = pastDays.trend(state.national);
  // For tests and curious operators: how many days are drawn, how many of them final figures.
  const box = document.getElementById('trend');
  box.dataset.days = String(trend.length);
  box.dataset.pastDays = String(trend.filter((d) => d.past).length);
  const description = t('aria.trend', {
    n: count(trend.length),
    last: count(trend.at(-1)?.matches),
    max: count(trend.length ? Math.max(...trend.map((d) => d.matches)) : null),
  });
  trendChart.draw(() => trendOption(trend, count, description));
}

function rowValues(city) {
  const s = state.cities.get(city.id);
  return {
    city: shell.cityName(city.id),
    matchesToday: s?.matchesToday,
    matchesYesterday: s ? matchesYesterday(s) : undefined,
    openVacancies: s?.openVacancies,
    availableCandidates: s?.availableCandidates,
    ratio: s?.vacancyToJobseekerRatio,
    medianDaysToFill: s?.medianDaysToFill,
    technicalUnfilled: s?.technicalUnfilledPastThreshold,
    dispatchShare: s?.dispatchShare,
    settledRate: cohortAged(s, COHORT_SETTLED_DAYS)?.hireRate,
  };
}

function renderTable() {
  const rows = shell.cities.map((c) => ({ id: c.id, v: rowValues(c) }));
  const { key, desc } = state.sort;
  rows.sort((a, b) => {
    const x = a.v[key];
    const y = b.v[key];
    if (x === y) return a.v.city.localeCompare(b.v.city);
    if (x === undefined || x === null) return 1; // cities without figures sink, either direction
    if (y === undefined || y === null) return -1;
    const c = typeof x === 'string' ? x.localeCompare(y) : x - y;
    return desc ? -c : c;
  });
  for (const th of document.querySelectorAll('#cities th[data-sort]')) {
    th.dataset.dir = th.dataset.sort === key ? (desc ? 'desc' : 'asc') : '';
  }
  fill(
    document.querySelector('#cities tbody'),
    rows.map(({ id, v }) =>
      el(
        'tr',
        { 'data-city': id },
        el('td', { text: v.city }),
        el('td', { class: 'num strong', text: count(v.matchesToday) }),
        el('td', { class: 'num', text: count(v.matchesYesterday) }),
        el('td', { class: 'num', text: count(v.openVacancies) }),
        el('td', { class: 'num', text: count(v.availableCandidates) }),
        el('td', { class: v.ratio >= 2 ? 'num hot' : 'num', text: decimal(v.ratio) }),
        el('td', { class: 'num', text: decimal(v.medianDaysToFill, 1) }),
        el('td', { class: v.technicalUnfilled > 0 ? 'num warn' : 'num', text: count(v.technicalUnfilled) }),
        el('td', { class: 'num', text: percent(v.dispatchShare) }),
        el('td', { class: 'num', text: percent(v.settledRate) }),
      ),
    ),
  );
}

function renderTicker() {
  const all = state.ticker;
  const list = document.getElementById('ticker');
  if (all.length === 0) {
    fill(list, [el('li', { class: 'empty', text: t('empty.matches') })]);
    return;
  }
  fill(
    list,
    all.slice(0, TICKER_SIZE).map((m) =>
      el(
        'li',
        { 'data-match': m.matchId },
        el('span', { class: 'time', text: time(m.eventTime) }),
        el('span', { class: 'city', text: shell.cityName(m.cityId) }),
        el('span', { class: 'occ', text: shell.occupationName(m.occupationCode) }),
        el('span', { class: 'score', text: percent(m.score, 0) }),
        el('span', { class: 'ids', text: `${m.vacancyId} ↔ ${m.candidateId}` }),
      ),
    ),
  );
}

function renderAlerts() {
  const firing = [...state.alerts.values()].sort((a, b) => (a.eventTime < b.eventTime ? 1 : -1));
  document.getElementById('alert-count').textContent = firing.length ? count(firing.length) : '';
  const list = document.getElementById('alerts');
  if (firing.length === 0) {
    fill(list, [el('li', { class: 'empty', text: t('empty.alerts') })]);
    return;
  }
  fill(list, firing.slice(0, 60).map((a) => alertItem(a, shell, true)));
}
