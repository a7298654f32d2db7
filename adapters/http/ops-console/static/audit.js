import { h, replace, table, time } from './dom.js';
import { filterForm, filtersOf, pagedResults, searchQuery } from './searchView.js';

const FILTERS = ['actor', 'action', 'from', 'to'];
const ACTIONS = ['outbox.retry', 'outbox.retry-failed', 'fixtures.replace', 'config.reload'];

/** The audit trail (SPEC 2.2.3): who retried, replaced or reloaded what, and when; filters in the URL. */
export async function renderAudit(container, context) {
  const filters = filtersOf(context.params, FILTERS);
  const refresh = () => renderAudit(container, context);
  const form = filterForm({ id: 'audit-filters', label: 'Filter the audit trail', view: 'audit', prefix: 'audit' }, filters, refresh, ({ field, input, select }) => [
    field('actor', 'Who', input('actor', { placeholder: 'consumer or cli:user' })),
    field('action', 'Action', select('action', ACTIONS)),
    field('from', 'From', input('from', { type: 'datetime-local', step: 1 })),
    field('to', 'To', input('to', { type: 'datetime-local', step: 1 })),
  ]);

  const results = h('div', { id: 'audit-results', 'aria-live': 'polite', 'aria-busy': 'true' }, h('p', { class: 'muted' }, 'Loading…'));
  replace(container, h('div', { class: 'view-head' }, h('h1', {}, 'Audit')), form, results);

  await pagedResults({
    results,
    context,
    operation: 'audit/search',
    query: searchQuery(filters),
    moreId: 'audit-more',
    noun: 'action',
    list: (rows) =>
      table({
        columns: ['When', 'Who', 'Action', 'Count', 'Outcome', 'What', 'Request id'],
        rows: rows.map((record) => [
          time(record.at),
          record.actor,
          record.action,
          String(record.count),
          record.outcome ?? h('span', { class: 'muted' }, '—'),
          h('span', { class: 'clip mono', title: record.target }, record.target),
          h('span', { class: 'mono' }, record.requestId),
        ]),
        rowAttributes: (index) => ({ 'data-audit-id': String(rows[index].id), 'data-action': rows[index].action }),
        empty: Object.values(filters).some(Boolean) ? 'No actions match these filters.' : 'No operator action has been recorded yet.',
      }),
  });
}
