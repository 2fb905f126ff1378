// Pieces both pages draw: batched rendering, alerts, matches with their reasons.

import { count, dateTime, decimal, percent, t, time } from './i18n.js';
import { el } from './shell.js';

/**
 * Redraws only the panels whose data changed, at most every 100 ms: on connect the ops room gets
 * ~80 snapshots in a burst, and drawing the map 80 times would stall the page.
 */
export class Renderer {
  /** @param everyMs at most one redraw per this many milliseconds */
  constructor(panels, everyMs = 100) {
    this.panels = panels;
    this.everyMs = everyMs;
    this.dirty = new Set();
    this.pending = null;
  }

  mark(...names) {
    for (const n of names) this.dirty.add(n);
    if (!this.pending) this.pending = setTimeout(() => this.flush(), this.everyMs);
  }

  all() {
    this.mark(...Object.keys(this.panels));
  }

  flush() {
    this.pending = null;
    const names = [...this.dirty];
    this.dirty.clear();
    for (const n of names) {
      try {
        const r = this.panels[n]();
        if (r && typeof r.catch === 'function') r.catch((e) => console.error(`panel ${n}:`, e));
      } catch (e) {
        // One broken panel must not freeze the others.
        console.error(`panel ${n}:`, e);
      }
    }
  }
}

/** The day before the figures' day, from their 30-day trend; null when the trend lacks it. */
export function matchesYesterday(stats) {
  if (!stats?.day || !stats.trend) return null;
  const d = new Date(`${stats.day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  const yesterday = d.toISOString().slice(0, 10);
  const entry = stats.trend.find((e) => e.day === yesterday);
  return entry ? entry.matches : null;
}

export function alertItem(a, shell, withCity) {
  const detail = [];
  if (a.daysOpen !== undefined && a.daysOpen !== null) detail.push(t('alert.daysOpen', { n: count(a.daysOpen) }));
  if (a.ratio !== undefined && a.ratio !== null) detail.push(`${t('col.ratio')} ${decimal(a.ratio)}`);
  if (a.salaryMin && a.salaryMax) detail.push(`¥${count(a.salaryMin)}–${count(a.salaryMax)}`);
  if (a.vacancyId) detail.push(a.vacancyId);
  return el(
    'li',
    { class: `alert ${a.alertType === 'SHORTAGE' ? 'shortage' : 'unfilled'}`, 'data-alert': a.alertId },
    el(
      'div',
      { class: 'head' },
      el('span', { class: 'type', text: t(`alert.${a.alertType}`) }),
      withCity ? el('span', { class: 'city', text: shell.cityName(a.cityId) }) : null,
      el('span', { class: 'occ', text: shell.occupationName(a.occupationCode) }),
      el('span', { class: 'time', text: dateTime(a.eventTime) }),
    ),
    el('div', { class: 'detail', text: detail.join(' · ') }),
  );
}

/** A match with why it was made: skills met and missing, salary and level fit. */
export function matchCard(m, shell) {
  const chips = (ids, cls) => ids.slice(0, 8).map((id) => el('span', { class: `chip ${cls}`, text: shell.skillName(id) }));
  const met = m.skillsMet || [];
  const missing = m.essentialSkillsMissing || [];
  return el(
    'li',
    { class: 'match', 'data-match': m.matchId },
    el(
      'div',
      { class: 'head' },
      el('span', { class: 'time', text: time(m.eventTime) }),
      el('span', { class: 'occ', text: shell.occupationName(m.occupationCode) }),
      el('span', { class: 'ids', text: `${m.vacancyId} ↔ ${m.candidateId}` }),
      el('span', { class: 'score', text: `${t('match.score')} ${percent(m.score, 0)}` }),
    ),
    el(
      'div',
      { class: 'why' },
      el('span', { class: 'k', text: `${t('match.met')} (${count(met.length)})` }),
      ...chips(met, 'met'),
      met.length > 8 ? el('span', { class: 'more', text: `+${count(met.length - 8)}` }) : null,
    ),
    missing.length
      ? el(
          'div',
          { class: 'why' },
          el('span', { class: 'k', text: `${t('match.missing')} (${count(missing.length)})` }),
          ...chips(missing, 'missing'),
        )
      : null,
    el(
      'div',
      { class: 'fit' },
      m.salaryFit ? el('span', { class: `fit-${m.salaryFit}`, text: `${t('match.salary')}: ${t(`salary.${m.salaryFit}`)}` }) : null,
      m.levelFit ? el('span', { class: `fit-${m.levelFit}`, text: `${t('match.level')}: ${t(`level.${m.levelFit}`)}` }) : null,
    ),
  );
}

/**
 * A match cohort's hire rate keeps growing for days after its day, so rates of different cities
 * compare only at the same age: the ops room and the city page compare cohorts this many days old,
 * and call younger ones still in progress. (The closed loop hires ~2-8 days after a match.)
 */
export const COHORT_SETTLED_DAYS = 7;

/** Whole days from the Shanghai day `from` to `to` (both yyyy-MM-dd). */
export function daysBetween(from, to) {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86400000);
}

/** The cohort of the figures' funnel made `age` days before their day; null when absent. */
export function cohortAged(stats, age) {
  const cohorts = stats?.funnel?.cohorts;
  if (!stats?.day || !cohorts) return null;
  return cohorts.find((c) => daysBetween(c.day, stats.day) === age) ?? null;
}

/** part / whole, or null when there is no whole to speak of. */
export function ratio(part, whole) {
  return part === null || part === undefined || !whole ? null : part / whole;
}
