import { call } from './api.js';
import { deliveryChart } from './chart.js';
import { h, replace, table } from './dom.js';

const STATUSES = ['PENDING', 'FAILED', 'DONE'];
const HOURS = [1, 6, 24, 48];

export async function renderOverview(container, context) {
  const hours = HOURS.includes(Number(context.params.get('hours'))) ? Number(context.params.get('hours')) : 6;
  const body = h('div', { 'aria-busy': 'true' }, h('p', { class: 'muted' }, 'Loading…'));
  replace(
    container,
    h('div', { class: 'view-head' }, h('h1', {}, 'Overview'), h('a', { href: `#overview?hours=${hours}`, class: 'button', 'data-refresh': true }, 'Refresh')),
    body,
  );
  container.querySelector('[data-refresh]').addEventListener('click', (event) => {
    event.preventDefault();
    renderOverview(container, context);
  });
  const overview = await call('overview', { hours });
  if (!context.isCurrent()) return;
  body.removeAttribute('aria-busy');

  const totals = Object.fromEntries(STATUSES.map((status) => [status, 0]));
  for (const row of overview.counts) totals[row.status] = (totals[row.status] ?? 0) + row.count;
  const topics = [...new Set(overview.counts.map((row) => row.topic))].sort();
  const countOf = (topic, status) => overview.counts.find((row) => row.topic === topic && row.status === status)?.count ?? 0;

  replace(
    body,
    h(
      'ul',
      { class: 'tiles', 'aria-label': 'Outbox totals' },
      STATUSES.map((status) =>
        h('li', { class: `tile tile-${status.toLowerCase()}` }, h('a', { href: `#messages?status=${status}` }, h('span', { class: 'tile-count' }, String(totals[status])), h('span', {}, status))),
      ),
      h('li', { class: 'tile' }, h('span', { class: 'tile-count' }, age(overview.oldestPendingAgeSeconds)), h('span', {}, 'oldest pending')),
    ),
    h('h2', {}, 'By topic'),
    table({
      columns: ['Topic', ...STATUSES],
      rows: topics.map((topic) => [h('a', { href: `#messages?topic=${encodeURIComponent(topic)}` }, topic), ...STATUSES.map((status) => String(countOf(topic, status)))]),
      empty: 'The outbox is empty: no callbacks have been queued yet.',
    }),
    h(
      'div',
      { class: 'view-head' },
      h('h2', { id: 'chart-title' }, `Deliveries, last ${hours} h`),
      h('nav', { class: 'segmented', 'aria-label': 'Chart period' }, HOURS.map((option) => h('a', { href: `#overview?hours=${option}`, 'aria-current': option === hours ? 'true' : undefined }, `${option} h`))),
    ),
    overview.series.length === 0 ? h('p', { class: 'empty' }, `No delivery attempts in the last ${hours} h.`) : deliveryChart(overview.series, hours),
  );
}

/** 75 → "1 min 15 s"; null → "none". */
export function age(seconds) {
  if (seconds === null || seconds === undefined) return 'none';
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
  return `${Math.floor(seconds / 86400)} d ${Math.floor((seconds % 86400) / 3600)} h`;
}
