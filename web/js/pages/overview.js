// The overview: the three stores (status, latency, records, Redis AOF) and S2's traffic over the
// last minutes, refreshed every few seconds.
import { h, clear, table, append } from '../dom.js';
import { t, number } from '../i18n.js';
import { api, ApiError } from '../api.js';
import { snapshot, interval } from '../metrics.js';
import { lineChart } from '../charts.js';

const REFRESH_MS = 5000;
const KEEP = 60; // intervals kept: five minutes at one every five seconds

const STORES = [
  ['postgres', 'PostgreSQL', 'customers', 'store.postgres.holds'],
  ['mongodb', 'MongoDB', 'books', 'store.mongodb.holds'],
  ['redis', 'Redis', 'orders', 'store.redis.holds'],
];

export async function render(main) {
  const storesBox = h('div', { class: 'stores', 'aria-live': 'polite' });
  const chartsBox = h('div', { class: 'charts' });
  const endpointsBox = h('div', {});
  append(main, 
    h('h1', {}, t('overview.title')),
    h('p', { class: 'lead' }, t('overview.lead')),
    h('section', { 'aria-labelledby': 'stores-heading' }, h('h2', { id: 'stores-heading' }, t('overview.stores')), storesBox),
    h(
      'section',
      { 'aria-labelledby': 'traffic-heading' },
      h('h2', { id: 'traffic-heading' }, t('overview.traffic')),
      h('p', { class: 'hint' }, t('overview.traffic.hint', { seconds: REFRESH_MS / 1000 })),
      chartsBox,
      endpointsBox,
    ),
  );

  const history = [];
  let previous = null;
  let stopped = false;

  async function refresh() {
    const [ready, stats, metricsText] = await Promise.all([
      api('GET', '/ready').catch((e) => (e instanceof ApiError && e.problem.stores ? e.problem : null)),
      api('GET', '/stats').catch(() => null),
      fetch('/metrics', { cache: 'no-store' }).then((r) => r.text()).catch(() => null),
    ]);
    if (stopped) return;
    drawStores(storesBox, ready, stats);
    if (metricsText !== null) {
      const now = snapshot(metricsText);
      if (previous) {
        history.push(interval(previous, now));
        if (history.length > KEEP) history.shift();
      }
      previous = now;
    }
    drawTraffic(chartsBox, endpointsBox, history);
  }

  await refresh();
  const timer = setInterval(() => refresh().catch(() => {}), REFRESH_MS);
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}

function drawStores(box, ready, stats) {
  clear(box);
  for (const [key, name, entity, holds] of STORES) {
    const status = ready?.stores?.[key];
    const up = status?.status === 'up';
    const rows = [
      [t('store.status'), h('span', { class: `badge ${up ? 'up' : 'down'}` }, up ? t('store.up') : t('store.down'))],
      [t('store.latency'), status ? `${number(status.latency_ms, 2)} ms` : '—'],
      [t(`store.records.${entity}`), stats ? number(stats[entity]) : '—'],
    ];
    if (key === 'redis') {
      rows.push([t('store.aof'), status?.aof === undefined ? '—' : status.aof ? t('store.aof.on') : t('store.aof.off')]);
    }
    if (status && !up && status.error) rows.push([t('store.error'), status.error]);
    box.append(
      h(
        'article',
        { class: 'store', 'data-store': key, 'data-status': up ? 'up' : 'down', 'aria-label': name },
        h('h3', {}, name),
        h('p', { class: 'hint' }, t(holds)),
        h('dl', { class: 'facts' }, rows.map(([label, value]) => [h('dt', {}, label), h('dd', {}, value)])),
      ),
    );
  }
}

function drawTraffic(chartsBox, endpointsBox, history) {
  clear(chartsBox);
  clear(endpointsBox);
  if (history.length === 0) {
    chartsBox.append(h('p', { class: 'hint' }, t('overview.collecting')));
    return;
  }
  const times = history.map((i) => i.at);
  const ms = (v) => (v === null ? '—' : `${number(v, v < 10 ? 1 : 0)} ms`);
  const perSecond = (v) => (v === null ? '—' : `${number(v, 1)}/s`);
  const percent = (v) => (v === null ? '—' : `${number(v * 100, 1)}%`);
  // Each chart with a legend: which line is which, and its latest value.
  const chart = (title, series, format) =>
    h(
      'figure',
      { class: 'chart-box' },
      h('figcaption', {}, title),
      lineChart({ title, series, times, format }),
      h('p', { class: 'legend' }, series.map((s) => h('span', { class: `key ${s.className || ''}` }, `${s.label}: ${format(latestOf(s.values))}`))),
    );
  chartsBox.append(
    chart(t('chart.rate'), [{ label: t('chart.requests'), values: history.map((i) => i.all.rate) }], perSecond),
    chart(t('chart.errors'), [{ label: '5xx', values: history.map((i) => i.all.errorRate), className: 'bad' }], percent),
    chart(
      t('chart.latency'),
      [
        { label: 'p50', values: history.map((i) => i.all.p50) },
        { label: 'p99', values: history.map((i) => i.all.p99), className: 'second' },
      ],
      ms,
    ),
  );

  // Per endpoint: the latest interval's numbers and a small latency chart, busiest first.
  const latest = history[history.length - 1];
  const keys = [...latest.endpoints.keys()].filter((k) => history.some((i) => i.endpoints.get(k)?.requests > 0));
  keys.sort((a, b) => total(history, b) - total(history, a));
  const rows = keys.map((key) => ({ key, now: latest.endpoints.get(key) }));
  endpointsBox.append(
    table(
      t('overview.endpoints'),
      [
        [t('endpoint'), (r) => h('code', {}, r.key)],
        [t('chart.rate'), (r) => perSecond(r.now.rate)],
        [t('chart.errors'), (r) => percent(r.now.errorRate)],
        ['p50', (r) => ms(r.now.p50)],
        ['p99', (r) => ms(r.now.p99)],
        [
          t('chart.latency'),
          (r) =>
            lineChart({
              title: `${r.key} p99`,
              series: [{ label: 'p99', values: history.map((i) => i.endpoints.get(r.key)?.p99 ?? null), className: 'second' }],
              times,
              format: ms,
              width: 160,
              height: 32,
              compact: true,
            }),
        ],
      ],
      rows,
      { empty: t('overview.idle') },
    ),
  );
}

function latestOf(values) {
  for (let i = values.length - 1; i >= 0; i--) if (values[i] !== null) return values[i];
  return null;
}

function total(history, key) {
  return history.reduce((sum, i) => sum + (i.endpoints.get(key)?.requests || 0), 0);
}
