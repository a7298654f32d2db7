import { call } from './api.js';
import { display, facts, h, replace, table, time } from './dom.js';
import { lookupView } from './lookupView.js';

export async function renderMembers(container, context) {
  const { value: memberId, result } = lookupView(container, context, {
    title: 'Members',
    view: 'members',
    name: 'memberId',
    label: 'Member id',
    hint: 'Enter a member id to see its EDDA check, video reviews and failed DA21 attempts.',
  });
  if (memberId === undefined) return;
  const { member, eddaCheck, reviews, failedDa21Attempts } = await call('members/get', { memberId });
  if (!context.isCurrent()) return;
  replace(
    result,
    h('h2', {}, 'Member ', h('span', { class: 'mono' }, member.memberId)),
    facts([
      ['Name', member.name],
      ['National id', h('span', { class: 'mono' }, member.idno)],
      ['Phone', h('span', { class: 'mono' }, member.phone)],
      ['Account', h('span', { class: 'mono' }, member.accountId)],
      ['Product', member.prodName],
      ['Digital level', member.digitalLevel],
    ]),
    h('h2', {}, 'EDDA check'),
    eddaCheck === null
      ? h('p', { class: 'empty' }, 'No EDDA check on record: an upgrade would be refused.')
      : facts(Object.entries(eddaCheck).map(([key, value]) => [key, /At$/.test(key) && typeof value === 'string' ? time(value) : display(value)])),
    h('h2', {}, 'Video reviews'),
    table({
      columns: ['Reviewed', 'Result', 'Request id'],
      rows: reviews.map((review) => [time(review.reviewedAt), review.isPass ? 'pass' : 'fail', h('span', { class: 'mono' }, review.requestId)]),
      empty: 'No video review recorded.',
    }),
    h('h2', {}, 'Failed DA21 attempts'),
    table({
      columns: ['Attempted', 'Transaction', 'Code'],
      rows: failedDa21Attempts.map((attempt) => [time(attempt.attemptedAt), h('span', { class: 'mono' }, attempt.transactionId), attempt.code]),
      empty: 'No failed DA21 attempt.',
    }),
  );
}
