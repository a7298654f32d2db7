import { call, withoutEmpty } from './api.js';
import { confirmAction } from './confirm.js';
import { errorBox, h, replace, statusBadge, table, time } from './dom.js';

const FILTERS = ['status', 'topic', 'uid', 'webhookId', 'from', 'to'];
const PAGE_SIZE = 50;

/** The filters in the URL (`#messages?status=FAILED&uid=…`), so a view can be shared and Back works. */
function filtersOf(params) {
  return Object.fromEntries(FILTERS.map((name) => [name, params.get(name) ?? '']));
}

/** `<input type="datetime-local">` speaks local time without a zone; the API wants ISO UTC. */
function toIso(local) {
  return local ? new Date(local).toISOString() : '';
}

export async function renderMessages(container, context) {
  const filters = filtersOf(context.params);
  const field = (name, label, control) => h('div', { class: 'field' }, h('label', { for: `filter-${name}` }, label), control);
  const input = (name, attributes = {}) => h('input', { id: `filter-${name}`, name, value: filters[name], autocomplete: 'off', ...attributes });
  const status = h(
    'select',
    { id: 'filter-status', name: 'status' },
    ['', 'PENDING', 'FAILED', 'DONE'].map((value) => h('option', { value, selected: value === filters.status }, value || 'any')),
  );
  const form = h(
    'form',
    { class: 'filters', id: 'message-filters', 'aria-label': 'Filter messages' },
    field('status', 'Status', status),
    field('topic', 'Topic', input('topic')),
    field('uid', 'uid', input('uid')),
    field('webhookId', 'webhook-id', input('webhookId')),
    field('from', 'Created from', input('from', { type: 'datetime-local', step: 1 })),
    field('to', 'Created to', input('to', { type: 'datetime-local', step: 1 })),
    h('div', { class: 'field field-actions' }, h('button', { type: 'submit', class: 'primary' }, 'Search'), h('button', { type: 'reset' }, 'Clear')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const chosen = withoutEmpty(Object.fromEntries(FILTERS.map((name) => [name, form.elements[name].value.trim()])));
    const query = new URLSearchParams(chosen).toString();
    const target = `#messages${query ? `?${query}` : ''}`;
    if (location.hash === target) renderMessages(container, context);
    else location.hash = target;
  });
  form.addEventListener('reset', (event) => {
    event.preventDefault();
    location.hash = '#messages';
  });

  const retryAll = context.canWrite ? h('button', { type: 'button', id: 'retry-all-failed', class: 'danger' }, 'Retry all failed…') : null;
  const results = h('div', { id: 'message-results', 'aria-live': 'polite', 'aria-busy': 'true' }, h('p', { class: 'muted' }, 'Loading…'));
  replace(container, h('div', { class: 'view-head' }, h('h1', {}, 'Messages'), retryAll), form, results);

  const query = withoutEmpty({ ...filters, from: toIso(filters.from), to: toIso(filters.to) });
  retryAll?.addEventListener('click', () => retryAllFailed(query, context, () => renderMessages(container, context)));

  const rows = [];
  const more = h('button', { type: 'button', id: 'load-more' }, 'Load more');
  let cursor = null;
  const load = async () => {
    more.disabled = true;
    const page = await call('messages/search', withoutEmpty({ ...query, limit: PAGE_SIZE, cursor }));
    if (!context.isCurrent()) return;
    rows.push(...page.items);
    cursor = page.nextCursor;
    results.removeAttribute('aria-busy');
    replace(
      results,
      h('p', { class: 'muted' }, `${rows.length} message${rows.length === 1 ? '' : 's'}${cursor ? ' so far' : ''}, newest first.`),
      table({
        columns: ['Message', 'Topic', 'uid', 'Status', 'Attempts', 'Next attempt', 'Last error', 'Created'],
        rows: rows.map((message) => [
          h('a', { href: `#message/${encodeURIComponent(message.id)}`, class: 'mono', title: message.id }, shortId(message.id)),
          message.topic,
          h('span', { class: 'mono' }, message.uid),
          statusBadge(message.status),
          String(message.attempts),
          time(message.nextAttemptAt),
          message.lastError ? h('span', { class: 'clip', title: message.lastError }, message.lastError) : h('span', { class: 'muted' }, '—'),
          time(message.createdAt),
        ]),
        rowAttributes: (index) => ({ 'data-message-id': rows[index].id, 'data-status': rows[index].status }),
        empty: Object.values(filters).some(Boolean) ? 'No messages match these filters.' : 'The outbox is empty.',
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

/** Asks the API how many FAILED messages match (dry run), confirms that count, then retries them. */
async function retryAllFailed(query, context, refresh) {
  const filter = withoutEmpty({ topic: query.topic, uid: query.uid, webhookId: query.webhookId, from: query.from, to: query.to });
  try {
    const { count } = await call('messages/retry-failed', { ...filter, dryRun: true });
    if (count === 0) {
      context.announce('No FAILED messages match these filters; nothing to retry.');
      return;
    }
    const scope = Object.keys(filter).length > 0 ? ' matching these filters' : '';
    const confirmed = await confirmAction({
      title: 'Retry all failed messages?',
      text: `${count} FAILED message${count === 1 ? '' : 's'}${scope} will be sent again now.`,
      confirmLabel: `Retry ${count}`,
    });
    if (!confirmed) return;
    const done = await call('messages/retry-failed', filter);
    context.announce(`${done.count} message${done.count === 1 ? '' : 's'} queued for retry.`);
    refresh();
  } catch (error) {
    context.announce(`Retry all failed: ${error.code ?? ''} ${error.message}`);
  }
}

/** UUIDv7 ids share their leading time digits within a run; the tail tells them apart. */
function shortId(id) {
  return id.length > 12 ? `…${id.slice(-12)}` : id;
}
