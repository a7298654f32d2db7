import { call } from './api.js';
import { display, facts, h, replace, table, time } from './dom.js';
import { lookupView } from './lookupView.js';

export async function renderKyc(container, context) {
  const { value: uid, result } = lookupView(container, context, {
    title: 'KYC',
    view: 'kyc',
    name: 'uid',
    label: 'Wallet uid',
    hint: 'Enter a uid to see its KYC mirror, partner subscriptions and event history.',
  });
  if (uid === undefined) return;
  const { profile, subscriptions, history } = await call('kyc/profile', { uid });
  if (!context.isCurrent()) return;
  replace(
    result,
    h('h2', {}, 'Profile ', h('span', { class: 'mono' }, profile.uid)),
    facts([
      ['Wallet status', profile.walletStatus],
      ['Client status', String(profile.clientStatus)],
      ['Level', String(profile.level)],
      ['Meets business', profile.isMeetBusiness ? 'yes' : 'no'],
      ...Object.entries(profile.info ?? {}).map(([key, value]) => [key, display(value)]),
    ]),
    h('h2', {}, 'Subscriptions'),
    table({
      columns: ['Partner', 'Subscribed'],
      rows: subscriptions.map((subscription) => [subscription.bizId, subscription.subscribed ? 'yes' : 'no']),
      empty: 'Not subscribed to any partner: changes are not sent anywhere.',
    }),
    h('h2', {}, 'Event history'),
    table({
      columns: ['Event', 'Occurred', 'Outcome', 'Changes', 'Recorded'],
      rows: history.map((event) => [
        h('span', { class: 'mono' }, event.eventId),
        time(event.occurredAt),
        h('span', { class: `outcome outcome-${String(event.outcome).toLowerCase()}` }, event.outcome),
        event.changes.length === 0
          ? h('span', { class: 'muted' }, 'no change')
          : h('ul', { class: 'changes' }, event.changes.map((change) => h('li', {}, h('strong', {}, change.field), ': ', display(change.from), ' → ', display(change.to)))),
        time(event.recordedAt),
      ]),
      empty: 'No KYC events recorded for this uid.',
    }),
  );
}
