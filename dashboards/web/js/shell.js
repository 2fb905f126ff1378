// What every dashboard page shares: who is looking, reference data, the header (clock, connection
// indicator, stale badge, language toggle, sign-out) and the protocol client.

import { Client } from './client.js';
import { applyLabels, lang, setLang, t, time } from './i18n.js';
import { api, requireViewer, signOut, token, HttpError } from './session.js';

// City figures are republished with every vacancy or candidate event of the city, many times a
// minute while the pilot runs; a minute without any means the pipeline, not the city, is quiet.
export const STALE_AFTER_MS = 60000;

async function retrying(fn) {
  for (let delay = 500; ; delay = Math.min(delay * 2, 10000)) {
    try {
      return await fn();
    } catch (e) {
      if (e instanceof HttpError && e.status >= 400 && e.status < 500) throw e;
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}

export class Shell {
  static async start(render) {
    applyLabels();
    const viewer = await retrying(requireViewer);
    const [taxonomy, cities] = await retrying(() =>
      Promise.all([api('/api/taxonomy'), api('/api/cities')]),
    );
    return new Shell(viewer, taxonomy, cities, render);
  }

  constructor(viewer, taxonomy, cities, render) {
    this.viewer = viewer;
    this.render = render;
    this.occupations = new Map(taxonomy.occupations.map((o) => [o.code, o]));
    this.skills = taxonomy.skills || {};
    this.cities = cities;
    this.cityById = new Map(cities.map((c) => [c.id, c]));
    this.lastData = 0;
    this.asOf = null;
    this.status = 'connecting';

    document.getElementById('lang').addEventListener('click', () => {
      setLang(lang() === 'zh' ? 'en' : 'zh');
      applyLabels();
      this.render();
      this.paintStatus();
    });
    document.getElementById('signout').addEventListener('click', () => {
      this.client?.stop();
      signOut();
    });
    setInterval(() => this.paintStatus(), 1000);

    this.client = new Client(token(), {
      onStatus: (status, progress) => {
        this.status = status;
        this.progress = progress;
        this.paintStatus();
      },
      onAuthLost: () => signOut(),
      onHandshakeFailing: () => {
        // Only a 401/403 means the token is the problem; anything else is an outage to ride out.
        api('/api/me').catch((e) => {
          if (e instanceof HttpError && (e.status === 401 || e.status === 403)) signOut();
        });
      },
      onError: (frame) => console.warn('gateway:', frame.code, frame.channel || '', frame.message || ''),
    });
  }

  /** Called by the page whenever figures arrive; eventTime (ISO) is what they are as of. */
  fresh(eventTime) {
    this.lastData = Date.now();
    if (eventTime && (!this.asOf || eventTime > this.asOf)) this.asOf = eventTime;
  }

  isStale() {
    // Before any figures arrived there is nothing to be stale; the indicator tells the story.
    return this.lastData > 0 && (this.status !== 'live' || Date.now() - this.lastData > STALE_AFTER_MS);
  }

  paintStatus() {
    const el = document.getElementById('status');
    el.dataset.state = this.status;
    let label = t(`status.${this.status}`);
    if (this.status === 'syncing' && this.progress) {
      label += ` ${this.progress.synced}/${this.progress.total}`;
    }
    el.querySelector('.label').textContent = label;
    const stale = document.getElementById('stale');
    stale.hidden = !this.isStale();
    document.getElementById('asof').textContent = this.asOf ? `${t('asof')} ${time(this.asOf)}` : '';
    document.getElementById('clock').textContent = time(new Date().toISOString());
  }

  cityName(id) {
    const c = this.cityById.get(id);
    if (!c) return id;
    return lang() === 'en' ? c.nameEn : c.nameZh;
  }

  occupationName(code) {
    const o = this.occupations.get(code);
    if (!o) return code;
    return lang() === 'en' ? o.nameEn : o.nameZh;
  }

  /** ESCO's English label on the English page, the project's Chinese translation otherwise. */
  skillName(id) {
    const s = this.skills[id];
    if (!s) return id;
    return (lang() === 'en' ? s.labelEn : s.labelZh) || s.labelEn || id;
  }
}

/** Replaces an element's children; a tiny helper so pages build DOM without innerHTML. */
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k.startsWith('data-')) e.setAttribute(k, v);
    else e.setAttribute(k, v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

export function fill(parent, children) {
  parent.replaceChildren(...children);
}
