// City HR park: one city's day, its occupations, its live matches with reasons, its alerts.

import { chart, dayCurveOption } from './charts.js';
import { count, decimal, percent, t } from './i18n.js';
import { el, fill, Shell } from './shell.js';
import { mountRanking } from './ranking.js';
import { alertItem, COHORT_SETTLED_DAYS, daysBetween, matchCard, ratio, Renderer } from './widgets.js';

// Ningbo's digital HR park makes about 3,000 smart matches a day: the pilot's yardstick.
const REFERENCE_PER_DAY = 3000;
const MATCHES_SHOWN = 30;
// A ratio of open posts to seekers at or above this marks a shortage (the top-100 shortage
// occupations nationally sit at 2.0–3.0).
const SHORTAGE_RATIO = 1.5;

const state = { stats: null, matches: [], alerts: new Map() };

const shell = await Shell.start(() => renderer.all());
const cityId = chooseCity(shell);

const curveChart = chart(document.getElementById('curve'));
const renderer = new Renderer({
  title: renderTitle,
  kpis: renderKpis,
  curve: renderCurve,
  occupations: renderOccupations,
  funnel: renderFunnel,
  matches: renderMatches,
  alerts: renderAlerts,
});
renderer.all();

shell.client.subscribe(`city:${cityId}:stats`, {
  snapshot: (data) => setStats(data),
  delta: (data) => setStats(data),
});
shell.client.subscribe(`city:${cityId}:matches`, {
  snapshot: (data) => {
    state.matches = (data || []).slice(-MATCHES_SHOWN).reverse();
    renderer.mark('matches');
  },
  delta: (m) => {
    state.matches.unshift(m);
    state.matches.length = Math.min(state.matches.length, MATCHES_SHOWN);
    renderer.mark('matches');
  },
});
shell.client.subscribe(`city:${cityId}:alerts`, {
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
mountRanking(shell, renderer, document.getElementById('ranking-panel'), `city:${cityId}:ranking`, false);
shell.client.connect();

/**
 * A city viewer sees its own city, whatever the address says, and gets no control for another.
 * The ministry picks one (?city=…, Ningbo by default) and gets a selector and a way back.
 */
function chooseCity(s) {
  if (s.viewer.role !== 'ministry') return s.viewer.city;
  const asked = new URLSearchParams(location.search).get('city');
  const id = s.cityById.has(asked) ? asked : s.cityById.has('ningbo') ? 'ningbo' : s.cities[0].id;
  const nav = document.getElementById('ministry-nav');
  const select = el('select', { id: 'city-select', 'aria-label': t('nav.city') });
  for (const c of s.cities) {
    const opt = el('option', { value: c.id, text: s.cityName(c.id) });
    if (c.id === id) opt.selected = true;
    select.append(opt);
  }
  select.addEventListener('change', () => {
    location.assign(`city.html?city=${encodeURIComponent(select.value)}`);
  });
  nav.replaceChildren(el('a', { class: 'button', href: 'ops.html', text: t('nav.ops') }), select);
  return id;
}

function setStats(data) {
  state.stats = data;
  if (data) shell.fresh(data.eventTime);
  renderer.mark('kpis', 'curve', 'occupations', 'funnel');
}

function renderTitle() {
  document.getElementById('city-name').textContent = shell.cityName(cityId);
  document.title = `matchstream · ${shell.cityName(cityId)} · ${t('city.title')}`;
}

function renderKpis() {
  const s = state.stats;
  const set = (id, text) => {
    document.getElementById(id).textContent = text;
  };
  set('kpi-matchesToday', count(s?.matchesToday));
  set('kpi-reference', count(REFERENCE_PER_DAY));
  const share = s ? s.matchesToday / REFERENCE_PER_DAY : null;
  set('kpi-refshare', percent(share, 0));
  document.getElementById('kpi-meter').style.width = `${Math.min(100, (share || 0) * 100)}%`;
  set('kpi-openVacancies', count(s?.openVacancies));
  set('kpi-availableCandidates', count(s?.availableCandidates));
  set('kpi-ratio', decimal(s?.vacancyToJobseekerRatio));
  set('kpi-medianDaysToFill', decimal(s?.medianDaysToFill, 1));
  set('kpi-technicalUnfilled', count(s?.technicalUnfilledPastThreshold));
  set('kpi-dispatchShare', percent(s?.dispatchShare));
}

function renderCurve() {
  const byHour = state.stats?.matchesByHour || new Array(24).fill(0);
  const asOfHour = state.stats
    ? Number(
        new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', hourCycle: 'h23' }).format(
          new Date(state.stats.eventTime),
        ),
      )
    : -1;
  curveChart.draw(() =>
    dayCurveOption(
      byHour,
      asOfHour,
      REFERENCE_PER_DAY,
      { perHour: t('chart.perHour'), cumulative: t('chart.cumulative'), reference: t('ref.ningbo') },
      count,
      t('aria.curve', { total: count(byHour.reduce((a, b) => a + b, 0)), reference: count(REFERENCE_PER_DAY) }),
    ),
  );
}

function renderOccupations() {
  const body = document.querySelector('#occupations tbody');
  const occ = [...(state.stats?.occupations || [])];
  if (occ.length === 0) {
    fill(body, [el('tr', {}, el('td', { class: 'empty', colspan: '7', text: t('empty.data') }))]);
    return;
  }
  // Shortages first: the ratio (no supply at all counts as the worst), then demand.
  const rank = (o) => (o.ratio === null || o.ratio === undefined ? (o.openVacancies > 0 ? Infinity : -1) : o.ratio);
  occ.sort((a, b) => rank(b) - rank(a) || b.openVacancies - a.openVacancies);
  fill(
    body,
    occ.map((o) => {
      const shortage = rank(o) >= SHORTAGE_RATIO;
      return el(
        'tr',
        { class: shortage ? 'shortage' : '', 'data-occupation': o.occupationCode },
        el(
          'td',
          {},
          shell.occupationName(o.occupationCode),
          shortage ? el('span', { class: 'badge hot', text: t('shortage') }) : null,
        ),
        el('td', { class: 'num', text: count(o.openVacancies) }),
        el('td', { class: 'num', text: count(o.availableCandidates) }),
        el('td', { class: shortage ? 'num hot' : 'num', text: o.ratio === null || o.ratio === undefined ? '–' : decimal(o.ratio) }),
        // The day's funnel of the occupation's matches; a record from before the funnel has none.
        el('td', { class: 'num', text: count(o.funnel?.matches) }),
        el('td', { class: 'num', text: count(o.funnel?.hires) }),
        el('td', { class: 'num', text: percent(ratio(o.funnel?.hires, o.funnel?.matches)) }),
      );
    }),
  );
}

const STAGES = ['matches', 'contacted', 'interviews', 'offers', 'hires'];
const COHORTS_SHOWN = 14;

/**
 * Today's steps as counts (today's flows: today's contacts include earlier days' matches), and each
 * step's conversion from the one before over the settled cohorts: the match days at least
 * COHORT_SETTLED_DAYS old among those the record carries, summed, so every rate compares the same
 * matches and none can pass 100 %. Then the day's placements through a match, the median hours to a
 * hire, and the match-to-hire rate of each recent match day, newest first, the young ones marked in
 * progress.
 */
function renderFunnel() {
  const f = state.stats?.funnel;
  const today = f?.today;
  const settled = settledCohorts(f?.cohorts, state.stats?.day);
  fill(
    document.querySelector('#funnel-stages tbody'),
    STAGES.map((stage, i) => {
      const n = today?.[stage];
      const step = i === 0 || !settled ? null : ratio(settled[stage], settled[STAGES[i - 1]]);
      const bar = el('span', { class: 'stage-bar', 'aria-hidden': 'true' });
      bar.style.width = `${Math.min(100, (ratio(n, today?.matches) ?? 0) * 100)}%`;
      return el(
        'tr',
        { 'data-stage': stage },
        el('td', { class: 'stage' }, el('span', { class: 'stage-name', text: t(`stage.${stage}`) }), bar),
        el('td', { class: 'num', text: count(n) }),
        el('td', { class: 'num step', text: i === 0 ? '' : percent(step) }),
      );
    }),
  );
  document.getElementById('funnel-medianHours').textContent =
    f?.medianHoursToHire === null || f?.medianHoursToHire === undefined
      ? '–'
      : t('funnel.hours', { n: decimal(f.medianHoursToHire, 1) });
  document.getElementById('funnel-matchShare').textContent = percent(f?.matchShareOfPlacements);
  document.getElementById('funnel-ofPlaced').textContent = f
    ? `(${t('funnel.ofPlaced', { hires: count(today?.hires), placed: count(f.peoplePlaced) })})`
    : '';
  document.getElementById('funnel-ended').textContent = count(f?.ended);

  const body = document.querySelector('#funnel-cohorts tbody');
  const cohorts = [...(f?.cohorts || [])].reverse().slice(0, COHORTS_SHOWN);
  if (cohorts.length === 0) {
    fill(body, [el('tr', {}, el('td', { class: 'empty', colspan: '5', text: t('funnel.none') }))]);
    return;
  }
  fill(
    body,
    cohorts.map((c) => {
      const open = daysBetween(c.day, state.stats.day) < COHORT_SETTLED_DAYS;
      return el(
        'tr',
        { 'data-cohort': c.day, class: open ? 'open' : 'settled' },
        el('td', { text: c.day.slice(5) }),
        el('td', { class: 'num cohort-matches', text: count(c.matches) }),
        el('td', { class: 'num', text: count(c.hires) }),
        el('td', { class: 'num strong', text: percent(c.hireRate) }),
        el('td', { class: 'state', text: open ? t('cohort.open') : t('cohort.settled', { n: count(COHORT_SETTLED_DAYS) }) }),
      );
    }),
  );
}

/** The stages summed over the cohorts at least COHORT_SETTLED_DAYS old on `day`; null with none. */
function settledCohorts(cohorts, day) {
  const old = (cohorts || []).filter((c) => day && daysBetween(c.day, day) >= COHORT_SETTLED_DAYS);
  if (old.length === 0) return null;
  const sum = {};
  for (const stage of STAGES) sum[stage] = old.reduce((n, c) => n + (c[stage] ?? 0), 0);
  return sum;
}

function renderMatches() {
  const list = document.getElementById('matches');
  if (state.matches.length === 0) {
    fill(list, [el('li', { class: 'empty', text: t('empty.matches') })]);
    return;
  }
  fill(list, state.matches.map((m) => matchCard(m, shell)));
}

function renderAlerts() {
  const firing = [...state.alerts.values()].sort((a, b) => (a.eventTime < b.eventTime ? 1 : -1));
  document.getElementById('alert-count').textContent = firing.length ? count(firing.length) : '';
  const list = document.getElementById('alerts');
  if (firing.length === 0) {
    fill(list, [el('li', { class: 'empty', text: t('empty.alerts') })]);
    return;
  }
  fill(list, firing.map((a) => alertItem(a, shell, false)));
}
