import { call, withoutEmpty } from './api.js';
import { confirmAction } from './confirm.js';
import { h, replace, statusBadge, table, time } from './dom.js';
import { filterForm, filtersOf, pagedResults, searchQuery } from './searchView.js';

const FILTERS = ['status', 'topic', 'uid', 'webhookId', 'from', 'to'];

export async function renderMessages(container, context) {
  const filters = filtersOf(context.params, FILTERS);
  const refresh = () => renderMessages(container, context);
  const form = filterForm({ id: 'message-filters', label: 'Filter messages', view: 'messages', prefix: 'filter' }, filters, refresh, ({ field, input, select }) => [
    field('status', 'Status', select('status', ['PENDING', 'FAILED', 'DONE'])),
    field('topic', 'Topic', input('topic')),
    field('uid', 'uid', input('uid')),
    field('webhookId', 'webhook-id', input('webhookId')),
    field('from', 'Created from', input('from', { type: 'datetime-local', step: 1 })),
    field('to', 'Created to', input('to', { type: 'datetime-local', step: 1 })),
  ]);

  const retryAll = context.canWrite ? h('button', { type: 'button', id: 'retry-all-failed', class: 'danger' }, 'Retry all failed…') : null;
  const results = h('div', { id: 'message-results', 'aria-live': 'polite', 'aria-busy': 'true' }, h('p', { class: 'muted' }, 'Loading…'));
  replace(container, h('div', { class: 'view-head' }, h('h1', {}, 'Messages'), retryAll), form, results);

  const query = searchQuery(filters);
  retryAll?.addEventListener('click', () => retryAllFailed(query, context, refresh));

  await pagedResults({
    results,
    context,
    operation: 'messages/search',
    query,
    moreId: 'load-more',
    noun: 'message',
    list: (rows) =>
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
  });
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
