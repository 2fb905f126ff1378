// The shortage ranking panel (after the ministry's "最缺工" list): the national top 100 in the ops
// room, a city's top 20 on its page. Live from the gateway's ranking channel; the rank changes
// compare with the final rankings of yesterday and of the same day last week.

import { count, decimal, lang } from './i18n.js';
import { el, fill } from './shell.js';

// Kept here rather than in i18n.js: the panel is one piece, its words travel with it.
const STRINGS = {
  zh: {
    national: '全国最缺工职业排行（前100）',
    city: '本市最缺工职业（前20）',
    rank: '排名',
    occupation: '职业',
    gap: '缺口',
    ratio: '求人倍率',
    cities: '{n}城',
    yesterday: '较昨日',
    lastWeek: '较上周',
    typical: '典型城市',
    final: '{day} 日终',
    live: '{day} 实时',
    new: '新上榜',
    none: '–',
    empty: '暂无缺工职业',
    up: '上升{n}位',
    down: '下降{n}位',
    same: '持平',
    aria: '{title}：{n}个职业；第1位{top}，缺口{gap}。',
  },
  en: {
    national: 'Shortage occupations, national top 100',
    city: 'Shortage occupations, city top 20',
    rank: 'Rank',
    occupation: 'Occupation',
    gap: 'Gap',
    ratio: 'Ratio',
    cities: '{n} cities',
    yesterday: 'vs yesterday',
    lastWeek: 'vs last week',
    typical: 'Typical cities',
    final: '{day} final',
    live: '{day} live',
    new: 'new',
    none: '–',
    empty: 'No shortage occupation yet',
    up: 'up {n}',
    down: 'down {n}',
    same: 'unchanged',
    aria: '{title}: {n} occupations; first {top}, gap {gap}.',
  },
};

function s(key, params) {
  let text = STRINGS[lang()][key] ?? STRINGS.zh[key];
  if (params) for (const [k, v] of Object.entries(params)) text = text.replace(`{${k}}`, v);
  return text;
}

/**
 * Subscribes to a ranking channel and draws it into `panel` (a section of the page).
 * @param national true for the national top 100 (with city counts and typical cities)
 */
export function mountRanking(shell, renderer, panel, channel, national) {
  let ranking = null;
  const draw = () => render(shell, panel, ranking, national);
  renderer.panels.ranking = draw;
  shell.client.subscribe(channel, {
    snapshot: (data) => {
      ranking = data;
      renderer.mark('ranking');
    },
    delta: (data) => {
      ranking = data;
      renderer.mark('ranking');
    },
  });
}

/** ▲3 / ▼2 / = / new / –: a symbol and words, so colour is never the only signal. */
function change(rank, before, comparedDay) {
  if (!comparedDay) return el('span', { class: 'chg none', text: s('none') });
  if (before === undefined || before === null) return el('span', { class: 'chg new', text: s('new') });
  const d = before - rank;
  if (d > 0) return el('span', { class: 'chg up', title: s('up', { n: d }), text: `▲${d}` });
  if (d < 0) return el('span', { class: 'chg down', title: s('down', { n: -d }), text: `▼${-d}` });
  return el('span', { class: 'chg same', title: s('same'), text: '=' });
}

function render(shell, panel, r, national) {
  const title = s(national ? 'national' : 'city');
  const heading = panel.querySelector('h2');
  heading.replaceChildren(
    el('span', { text: title }),
    r ? el('span', { class: 'asof-day', text: ` · ${s(r.isFinal ? 'final' : 'live', { day: r.day })}` }) : '',
  );
  const head = [s('rank'), s('occupation'), s('gap'), s('ratio'), s('yesterday'), s('lastWeek')];
  const table = panel.querySelector('table');
  table.setAttribute('aria-label', title);
  fill(
    table.querySelector('thead'),
    [el('tr', {}, ...head.map((h, i) => el('th', { class: i === 1 ? '' : 'num', text: h })))],
  );
  const body = table.querySelector('tbody');
  const entries = r?.entries || [];
  if (entries.length === 0) {
    fill(body, [el('tr', {}, el('td', { class: 'empty', colspan: String(head.length), text: s('empty') }))]);
    return;
  }
  const first = entries[0];
  panel.setAttribute(
    'aria-description',
    s('aria', { title, n: count(entries.length), top: shell.occupationName(first.occupationCode), gap: count(first.gap) }),
  );
  fill(
    body,
    entries.map((e) => {
      const name = el('td', { class: 'occ' }, el('span', { class: 'name', text: shell.occupationName(e.occupationCode) }));
      if (national) {
        // How many cities list it, and the typical ones: a second line, so the table stays narrow.
        const typical = (e.typicalCities || []).map((c) => shell.cityName(c)).join('、');
        name.append(
          el('span', {
            class: 'typical',
            title: s('typical'),
            text: typical ? `${s('cities', { n: count(e.cities) })} · ${typical}` : s('cities', { n: count(e.cities) }),
          }),
        );
      }
      const cells = [
        el('td', { class: 'num rank', text: String(e.rank) }),
        name,
        el('td', { class: 'num strong', text: count(e.gap) }),
        el('td', { class: 'num', text: e.ratio === null || e.ratio === undefined ? '–' : decimal(e.ratio) }),
      ];
      cells.push(
        el('td', { class: 'num' }, change(e.rank, e.rankYesterday, r.yesterday)),
        el('td', { class: 'num' }, change(e.rank, e.rankLastWeek, r.lastWeek)),
      );
      return el('tr', { 'data-occupation': e.occupationCode, 'data-rank': String(e.rank) }, ...cells);
    }),
  );
}
