// Chinese by default, English on request; the choice is a display preference, kept in localStorage.

const STRINGS = {
  zh: {
    'app.title': '人力资源服务+制造业 试点监测',
    'ops.title': '全国运行监测大厅',
    'city.title': '人力资源产业园',
    'signin.title': '登录',
    'signin.token': '访问令牌',
    'signin.submit': '登录',
    'signin.dev': '开发令牌（本地一体化环境）',
    'signin.ministry': '人社部（全国）',
    'signin.bad': '令牌无效或已过期',
    'signin.unreachable': '无法连接网关',
    'nav.signout': '退出',
    'nav.lang': 'English',
    'nav.ops': '全国',
    'nav.city': '城市',
    'status.connecting': '连接中',
    'status.reconnecting': '重新连接中',
    'status.syncing': '同步中',
    'status.live': '实时',
    'status.offline': '已断开',
    'stale': '数据已过时',
    'asof': '数据时间',
    'kpi.matchesToday': '今日智能匹配',
    'kpi.openVacancies': '在招岗位',
    'kpi.availableCandidates': '求职人数',
    'kpi.ratio': '求人倍率',
    'kpi.medianDaysToFill': '招聘周期中位数（天）',
    'kpi.technicalUnfilled': '技术岗位超30天未招满',
    'kpi.dispatchShare': '劳务派遣占比',
    'kpi.placements': '今日上岗',
    'kpi.cities': '试点城市',
    'panel.map': '试点城市今日智能匹配',
    'panel.cities': '城市一览',
    'panel.ticker': '实时匹配',
    'panel.alerts': '告警',
    'panel.trend': '全国每日智能匹配',
    'panel.dayCurve': '今日匹配曲线',
    'panel.occupations': '职业供需',
    'panel.cityAlerts': '本市告警',
    'col.city': '城市',
    'col.matchesToday': '今日匹配',
    'col.matchesYesterday': '昨日匹配',
    'col.openVacancies': '在招岗位',
    'col.availableCandidates': '求职人数',
    'col.ratio': '求人倍率',
    'col.medianDaysToFill': '招聘周期',
    'col.technicalUnfilled': '技术岗超30天',
    'col.dispatchShare': '派遣占比',
    'col.occupation': '职业',
    'col.demand': '需求(岗位)',
    'col.supply': '供给(求职)',
    'ref.ningbo': '宁波参考线 3,000/日',
    'aria.map': '中国地图：{n}个试点城市今日智能匹配，圆点越大、颜色越暖表示匹配越多。最多的是{top}，{value}次。',
    'aria.trend': '折线图：全国最近{n}天每日智能匹配。最近一天{last}次，最高{max}次。',
    'aria.curve': '柱状图与折线图：今日每小时智能匹配（条纹柱）与累计匹配（折线），截至目前累计{total}次；虚线为宁波参考线，每日{reference}次。',
    'ref.of': '占参考线',
    'chart.perHour': '每小时匹配',
    'chart.cumulative': '累计匹配',
    'match.score': '匹配度',
    'match.met': '已具备技能',
    'match.missing': '缺少必备技能',
    'match.salary': '薪资',
    'match.level': '技能等级',
    'salary.WITHIN': '期望在范围内',
    'salary.BELOW_RANGE': '期望低于岗位薪资',
    'salary.ABOVE_RANGE': '期望略高于范围',
    'level.MEETS': '符合要求',
    'level.EXCEEDS': '高于要求',
    'level.BELOW': '低于要求',
    'alert.UNFILLED_TECHNICAL_POST': '技术岗位长期未招满',
    'alert.SHORTAGE': '职业短缺',
    'alert.daysOpen': '已开放 {n} 天',
    'panel.funnel': '匹配转化漏斗',
    'stage.matches': '智能匹配',
    'stage.contacted': '已联系',
    'stage.interviews': '面试',
    'stage.offers': '录用',
    'stage.hires': '入职',
    'col.stage': '环节',
    'col.count': '今日',
    'col.stepRate': '转化（满7天批次）',
    'funnel.medianHours': '匹配到入职中位时长',
    'funnel.hours': '{n} 小时',
    'funnel.matchShare': '今日上岗经匹配占比',
    'funnel.ofPlaced': '{hires} / {placed} 人',
    'funnel.ended': '今日婉拒或未到岗',
    'funnel.cohorts': '按匹配日：匹配→入职率',
    'funnel.none': '暂无转化数据',
    'col.matchDay': '匹配日',
    'col.matches': '匹配',
    'col.hires': '入职',
    'col.hireRate': '入职率',
    'col.cohortState': '状态',
    'cohort.open': '进行中',
    'cohort.settled': '满{n}天',
    'col.occMatches': '今日匹配',
    'col.occHires': '今日入职',
    'col.occRate': '入职/匹配',
    'col.settledRate': '7天前匹配\u200b入职率',
    'kpi.hiresViaMatch': '今日经匹配入职',
    'kpi.settledRate': '7天前匹配入职率',
    'kpi.matchShare': '占今日上岗',
    'empty.matches': '暂无匹配',
    'empty.alerts': '无告警',
    'empty.data': '暂无数据',
    'shortage': '短缺',
    'days': '天',
  },
  en: {
    'app.title': 'HR services × manufacturing pilot',
    'ops.title': 'National operations room',
    'city.title': 'HR industrial park',
    'signin.title': 'Sign in',
    'signin.token': 'Access token',
    'signin.submit': 'Sign in',
    'signin.dev': 'Development tokens (local all-in-one)',
    'signin.ministry': 'Ministry (all cities)',
    'signin.bad': 'The token is invalid or expired',
    'signin.unreachable': 'The gateway cannot be reached',
    'nav.signout': 'Sign out',
    'nav.lang': '中文',
    'nav.ops': 'National',
    'nav.city': 'City',
    'status.connecting': 'Connecting',
    'status.reconnecting': 'Reconnecting',
    'status.syncing': 'Syncing',
    'status.live': 'Live',
    'status.offline': 'Offline',
    'stale': 'Stale data',
    'asof': 'As of',
    'kpi.matchesToday': 'Smart matches today',
    'kpi.openVacancies': 'Open vacancies',
    'kpi.availableCandidates': 'Available candidates',
    'kpi.ratio': 'Vacancies per jobseeker',
    'kpi.medianDaysToFill': 'Median days to fill',
    'kpi.technicalUnfilled': 'Technical posts open > 30 days',
    'kpi.dispatchShare': 'Dispatch share',
    'kpi.placements': 'Placements today',
    'kpi.cities': 'Pilot cities',
    'panel.map': "Pilot cities: today's smart matches",
    'panel.cities': 'Cities',
    'panel.ticker': 'Live matches',
    'panel.alerts': 'Alerts',
    'panel.trend': 'National smart matches per day',
    'panel.dayCurve': "Today's matches",
    'panel.occupations': 'Occupations: supply and demand',
    'panel.cityAlerts': "The city's alerts",
    'col.city': 'City',
    'col.matchesToday': 'Today',
    'col.matchesYesterday': 'Yesterday',
    'col.openVacancies': 'Open vacancies',
    'col.availableCandidates': 'Candidates',
    'col.ratio': 'Ratio',
    'col.medianDaysToFill': 'Days to fill',
    'col.technicalUnfilled': 'Tech. > 30 d',
    'col.dispatchShare': 'Dispatch',
    'col.occupation': 'Occupation',
    'col.demand': 'Demand (posts)',
    'col.supply': 'Supply (seekers)',
    'ref.ningbo': 'Ningbo reference 3,000/day',
    'aria.map': 'Map of China: today\'s smart matches in {n} pilot cities; bigger, warmer dots mean more. The most: {top}, {value}.',
    'aria.trend': 'Line chart: national smart matches per day over the last {n} days. Latest day {last}, highest {max}.',
    'aria.curve': 'Bar and line chart: today\'s smart matches per hour (striped bars) and cumulative (line), {total} so far; the dashed line is Ningbo\'s reference of {reference} a day.',
    'ref.of': 'of reference',
    'chart.perHour': 'Matches per hour',
    'chart.cumulative': 'Cumulative',
    'match.score': 'Score',
    'match.met': 'Skills met',
    'match.missing': 'Essential skills missing',
    'match.salary': 'Salary',
    'match.level': 'Certificate level',
    'salary.WITHIN': 'within range',
    'salary.BELOW_RANGE': 'asks less than offered',
    'salary.ABOVE_RANGE': 'asks slightly more',
    'level.MEETS': 'meets',
    'level.EXCEEDS': 'exceeds',
    'level.BELOW': 'below',
    'alert.UNFILLED_TECHNICAL_POST': 'Technical post unfilled',
    'alert.SHORTAGE': 'Shortage',
    'alert.daysOpen': 'open {n} days',
    'panel.funnel': 'Conversion funnel',
    'stage.matches': 'Smart matches',
    'stage.contacted': 'Contacted',
    'stage.interviews': 'Interviews',
    'stage.offers': 'Offers',
    'stage.hires': 'Hires',
    'col.stage': 'Step',
    'col.count': 'Today',
    'col.stepRate': 'Conversion (cohorts ≥ 7 d)',
    'funnel.medianHours': 'Median hours, match to hire',
    'funnel.hours': '{n} h',
    'funnel.matchShare': "Today's placements through a match",
    'funnel.ofPlaced': '{hires} of {placed}',
    'funnel.ended': 'Declined or no-show today',
    'funnel.cohorts': 'Match-to-hire rate by match day',
    'funnel.none': 'No conversion figures yet',
    'col.matchDay': 'Match day',
    'col.matches': 'Matches',
    'col.hires': 'Hires',
    'col.hireRate': 'Rate',
    'col.cohortState': 'State',
    'cohort.open': 'in progress',
    'cohort.settled': '{n} d+',
    'col.occMatches': 'Matches today',
    'col.occHires': 'Hires today',
    'col.occRate': 'Hires / matches',
    'col.settledRate': 'Hired of matches 7 d ago',
    'kpi.hiresViaMatch': 'Hired through matches today',
    'kpi.settledRate': 'Hired of matches 7 d ago',
    'kpi.matchShare': 'Of placements',
    'empty.matches': 'No matches yet',
    'empty.alerts': 'No alerts',
    'empty.data': 'No data yet',
    'shortage': 'shortage',
    'days': 'd',
  },
};

const KEY = 'matchstream.lang';

export function lang() {
  return localStorage.getItem(KEY) === 'en' ? 'en' : 'zh';
}

export function setLang(value) {
  localStorage.setItem(KEY, value === 'en' ? 'en' : 'zh');
}

export function locale() {
  return lang() === 'en' ? 'en-US' : 'zh-CN';
}

export function t(key, params) {
  let s = STRINGS[lang()][key] ?? STRINGS.zh[key] ?? key;
  if (params) for (const [k, v] of Object.entries(params)) s = s.replace(`{${k}}`, v);
  return s;
}

/** Fills every element carrying data-i18n with its label. */
export function applyLabels(root = document) {
  document.documentElement.lang = lang() === 'en' ? 'en' : 'zh-CN';
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
}

const formats = new Map();
function fmt(options) {
  const k = locale() + JSON.stringify(options);
  if (!formats.has(k)) formats.set(k, new Intl.NumberFormat(locale(), options));
  return formats.get(k);
}

/** A count: 12,345 (both locales group by thousands). Missing values show as a dash. */
export function count(n) {
  return n === null || n === undefined ? '–' : fmt({ maximumFractionDigits: 0 }).format(n);
}

export function decimal(n, digits = 2) {
  return n === null || n === undefined
    ? '–'
    : fmt({ minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n);
}

export function percent(share, digits = 1) {
  return share === null || share === undefined
    ? '–'
    : fmt({ style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(share);
}

export function time(iso) {
  if (!iso) return '–';
  return new Intl.DateTimeFormat(locale(), {
    timeZone: 'Asia/Shanghai',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  }).format(new Date(iso));
}

export function dateTime(iso) {
  if (!iso) return '–';
  return new Intl.DateTimeFormat(locale(), {
    timeZone: 'Asia/Shanghai',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(iso));
}
