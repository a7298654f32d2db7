import { call } from './api.js';
import { errorBox, facts, focusHeading, h, replace, statusBadge, table, time } from './dom.js';

const WATCH_EVERY_MS = 1000;
const WATCH_FOR_MS = 60000;

export async function renderMessage(container, context) {
  if (!container.querySelector('h1')) replace(container, h('h1', {}, 'Message ', h('span', { class: 'mono' }, context.id)), h('p', { class: 'muted' }, 'Loading…'));
  const { message, attempts } = await call('messages/get', { id: context.id });
  if (!context.isCurrent()) return;
  const retry = context.canWrite && message.status !== 'DONE' ? h('button', { type: 'button', id: 'retry', class: 'primary' }, 'Retry now') : null;
  const progress = h('div', { id: 'retry-progress', 'aria-live': 'polite' });
  replace(
    container,
    h('p', {}, h('a', { href: '#messages' }, '← Messages')),
    h('div', { class: 'view-head' }, h('h1', {}, 'Message ', h('span', { class: 'mono' }, message.id)), retry),
    progress,
    facts([
      ['Status', h('span', { id: 'message-status' }, statusBadge(message.status))],
      ['Topic', message.topic],
      ['uid', h('span', { class: 'mono' }, message.uid)],
      ['webhook-id', h('span', { class: 'mono' }, message.id)],
      ['Attempts', String(message.attempts)],
      ['Next attempt', time(message.nextAttemptAt)],
      ['Last error', message.lastError],
      ['Created', time(message.createdAt)],
      ['Updated', time(message.updatedAt)],
    ]),
    h('h2', {}, 'Attempts'),
    attemptsTable(attempts),
    h('h2', {}, 'Payload'),
    h('pre', { class: 'payload', tabindex: '0', 'aria-label': 'Payload (personal data masked)' }, JSON.stringify(message.payload, null, 2)),
  );
  retry?.addEventListener('click', async () => {
    retry.disabled = true;
    replace(progress, h('p', { class: 'muted' }, 'Asking Midplat to retry…'));
    try {
      await call('messages/retry', { id: message.id });
      replace(progress, h('p', { class: 'muted' }, 'Queued; waiting for the outbox worker to deliver it…'));
      await watch(message, attempts.length, context, progress);
    } catch (error) {
      if (!context.isCurrent()) return;
      replace(progress, errorBox(error));
      retry.disabled = false;
    }
  });
}

/** Re-reads the message until the worker has made a new attempt (or a minute passed), then redraws it. */
async function watch(before, attemptsBefore, context, progress) {
  const deadline = Date.now() + WATCH_FOR_MS;
  while (context.isCurrent() && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, WATCH_EVERY_MS));
    // The attempt log, not the message's counter: an operator's retry may start the counter again.
    const { message, attempts } = await call('messages/get', { id: before.id });
    if (attempts.length > attemptsBefore || message.status === 'DONE') {
      if (!context.isCurrent()) return;
      const view = progress.closest('.view');
      await renderMessage(view, context);
      focusHeading(view); // the Retry button that had the focus is gone
      const outcome = message.status === 'DONE' ? 'Delivered.' : `Attempt made; status ${message.status}.`;
      context.announce(outcome);
      return;
    }
  }
  if (context.isCurrent()) replace(progress, h('p', { class: 'muted' }, 'No new attempt within a minute; the worker may be busy. Reload to see its progress.'));
}

function attemptsTable(attempts) {
  return table({
    caption: 'Every delivery attempt, first to last',
    columns: ['#', 'Started', 'Duration', 'HTTP status', 'Error', 'Reply (first 1 KiB)'],
    rows: attempts.map((attempt) => [
      String(attempt.attempt),
      time(attempt.startedAt),
      `${attempt.durationMs} ms`,
      attempt.httpStatus === null ? h('span', { class: 'muted' }, '—') : h('span', { class: attempt.httpStatus >= 200 && attempt.httpStatus < 300 ? 'ok' : 'bad' }, String(attempt.httpStatus)),
      attempt.error ?? h('span', { class: 'muted' }, '—'),
      attempt.responseExcerpt ? h('code', { class: 'excerpt' }, attempt.responseExcerpt) : h('span', { class: 'muted' }, '—'),
    ]),
    rowAttributes: (index) => ({ 'data-attempt': attempts[index].attempt }),
    empty: 'No attempts yet: the worker has not tried this message.',
  });
}
