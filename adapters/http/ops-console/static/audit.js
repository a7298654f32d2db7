import { call, withoutEmpty } from './api.js';
import { errorBox, h, replace, table, time } from './dom.js';

const FILTERS = ['actor', 'action', 'from', 'to'];
const ACTIONS = ['outbox.retry', 'outbox.retry-failed', 'fixtures.replace', 'config.reload'];
const PAGE_SIZE = 50;

/** `<input type="datetime-local">` speaks local time without a zone; the API wants ISO UTC. */
function toIso(local) {
  return local ? new Date(local).toISOString() : '';
}

/** The audit trail (SPEC 2.2.3): who retried, replaced or reloaded what, and when; filters in the URL. */
export async function renderAudit(container, context) {
  const filters = Object.fromEntries(FILTERS.map((name) => [name, context.params.get(name) ?? '']));
  const field = (name, label, control) => h('div', { class: 'field' }, h('label', { for: `audit-${name}` }, label), control);
  const input = (name, attributes = {}) => h('input', { id: `audit-${name}`, name, value: filters[name], autocomplete: 'off', ...attributes });
  const action = h(
    'select',
    { id: 'audit-action', name: 'action' },
    ['', ...ACTIONS].map((value) => h('option', { value, selected: value === filters.action }, value || 'any')),
  );
  const form = h(
    'form',
    { class: 'filters', id: 'audit-filters', 'aria-label': 'Filter the audit trail' },
    field('actor', 'Who', input('actor', { placeholder: 'consumer or cli:user' })),
    field('action', 'Action', action),
    field('from', 'From', input('from', { type: 'datetime-local', step: 1 })),
    field('to', 'To', input('to', { type: 'datetime-local', step: 1 })),
    h('div', { class: 'field field-actions' }, h('button', { type: 'submit', class: 'primary' }, 'Search'), h('button', { type: 'reset' }, 'Clear')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const chosen = withoutEmpty(Object.fromEntries(FILTERS.map((name) => [name, form.elements[name].value.trim()])));
    const query = new URLSearchParams(chosen).toString();
    const target = `#audit${query ? `?${query}` : ''}`;
    if (location.hash === target) renderAudit(container, context);
    else location.hash = target;
  });
  form.addEventListener('reset', (event) => {
    event.preventDefault();
    location.hash = '#audit';
  });

  const results = h('div', { id: 'audit-results', 'aria-live': 'polite', 'aria-busy': 'true' }, h('p', { class: 'muted' }, 'Loading…'));
  replace(container, h('div', { class: 'view-head' }, h('h1', {}, 'Audit')), form, results);

  const query = withoutEmpty({ ...filters, from: toIso(filters.from), to: toIso(filters.to) });
  const rows = [];
  const more = h('button', { type: 'button', id: 'audit-more' }, 'Load more');
  let cursor = null;
  const load = async () => {
    more.disabled = true;
    const page = await call('audit/search', withoutEmpty({ ...query, limit: PAGE_SIZE, cursor }));
    if (!context.isCurrent()) return;
    rows.push(...page.items);
    cursor = page.nextCursor;
    results.removeAttribute('aria-busy');
    replace(
      results,
      h('p', { class: 'muted' }, `${rows.length} action${rows.length === 1 ? '' : 's'}${cursor ? ' so far' : ''}, newest first.`),
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
      cursor ? more : null,
    );
    more.disabled = false;
  };
  more.addEventListener('click', () =>
    load().catch((error) => {
      more.disabled = false;
      results.append(errorBox(error));
    }),
  );
  await load();
}
