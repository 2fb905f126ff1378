// Sign-in: paste a token, or in the local all-in-one pick a development token with one click.

import { applyLabels, lang, setLang, t } from './i18n.js';
import { api, HttpError, signIn } from './session.js';

const form = document.getElementById('signin-form');
const input = document.getElementById('token');
const error = document.getElementById('signin-error');
let devTokens = null;
let cityNames = new Map();

applyLabels();
document.getElementById('lang').addEventListener('click', () => {
  setLang(lang() === 'zh' ? 'en' : 'zh');
  applyLabels();
  renderDevTokens();
});

form.addEventListener('submit', (ev) => {
  ev.preventDefault();
  use(input.value.trim());
});

/** Checks the token with the gateway, keeps it for this tab and opens the viewer's page. */
async function use(token) {
  error.hidden = true;
  try {
    const viewer = await api('/api/me', token);
    signIn(token);
    location.assign(viewer.role === 'ministry' ? 'ops.html' : 'city.html');
  } catch (e) {
    error.textContent = e instanceof HttpError ? t('signin.bad') : t('signin.unreachable');
    error.hidden = false;
  }
}

// Only a gateway in development mode answers /dev/tokens; elsewhere the section stays hidden.
async function loadDevTokens() {
  try {
    const res = await fetch('/dev/tokens', { cache: 'no-store' });
    if (!res.ok) return;
    devTokens = await res.json();
    const cities = await api('/api/cities', devTokens.ministry).catch(() => []);
    cityNames = new Map(cities.map((c) => [c.id, c]));
    renderDevTokens();
  } catch (e) {
    // not in development mode
  }
}

function button(label, token, id) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  b.dataset.token = id;
  b.addEventListener('click', () => use(token));
  return b;
}

function renderDevTokens() {
  if (!devTokens) return;
  document.getElementById('dev-tokens').hidden = false;
  document
    .getElementById('dev-ministry')
    .replaceChildren(button(t('signin.ministry'), devTokens.ministry, 'ministry'));
  const ids = Object.keys(devTokens.cities || {}).sort();
  document.getElementById('dev-cities').replaceChildren(
    ...ids.map((id) => {
      const c = cityNames.get(id);
      const name = c ? (lang() === 'en' ? c.nameEn : c.nameZh) : id;
      return button(name, devTokens.cities[id], id);
    }),
  );
}

loadDevTokens();
