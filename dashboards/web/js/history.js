// Past days for the trend charts: the gateway's history of final figures (GET /api/history/…),
// with the live record's days appended. The live record's own trend is a fallback only: it comes
// from the job's state and holds only days the job still remembers.

import { api } from './session.js';

const DAYS = 30;
const RETRY_MS = 10_000; // the gateway is still reading its history, or a request failed
const AWAIT_FINAL_MS = 60_000; // yesterday's final record comes some minutes after midnight

function shift(day, n) {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/**
 * Follows the live figures' day: on a new day fetches the DAYS - 1 days before it from `path`
 * (e.g. '/api/history/national'), and fetches again while the day before has no final yet.
 */
export class PastDays {
  constructor(path, onChange) {
    this.path = path;
    this.onChange = onChange;
    this.days = new Map(); // day -> matches, final figures
    this.liveDay = null;
    this.timer = null;
  }

  follow(liveDay) {
    if (!liveDay || liveDay === this.liveDay) return;
    this.liveDay = liveDay;
    this.load();
  }

  async load() {
    clearTimeout(this.timer);
    const day = this.liveDay;
    const from = shift(day, -(DAYS - 1));
    const to = shift(day, -1);
    let retry = null;
    try {
      const body = await api(`${this.path}?from=${from}&to=${to}`);
      if (day !== this.liveDay) return; // the day moved on while this was asked
      this.days = new Map((body.days || []).map((d) => [d.day, d.matches]));
      if (!this.days.has(to)) retry = AWAIT_FINAL_MS;
      this.onChange();
    } catch {
      retry = RETRY_MS;
    }
    if (retry) this.timer = setTimeout(() => this.load(), retry);
  }

  /**
   * The trend to draw, oldest first, [{day, matches, past}]: final figures of past days, then the
   * live record's days after them (today, and yesterday until its final arrives); a day without any
   * record between two that have one counts 0 (no events that day).
   */
  trend(live) {
    const byDay = new Map();
    for (const d of live?.trend || []) byDay.set(d.day, { day: d.day, matches: d.matches, past: false });
    if (live?.day) byDay.set(live.day, { day: live.day, matches: live.matchesToday, past: false });
    for (const [day, matches] of this.days) byDay.set(day, { day, matches, past: true });
    const known = [...byDay.keys()].sort();
    if (!known.length) return [];
    const last = known.at(-1);
    let day = known[0] < shift(last, -(DAYS - 1)) ? shift(last, -(DAYS - 1)) : known[0];
    const out = [];
    for (; day <= last; day = shift(day, 1)) out.push(byDay.get(day) || { day, matches: 0, past: false });
    return out;
  }
}
