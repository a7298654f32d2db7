import { expect } from 'chai';
import { LogMaskingPersonalDataMasker } from '../../../adapters/logging/LogMaskingPersonalDataMasker.js';
import { MessageAlreadyDelivered, MessageNotFound } from '../../../core/ops-console/errors.js';
import { OutboxOverview } from '../../../core/ops-console/OutboxOverview.js';
import { RetryFailedOutboxMessages } from '../../../core/ops-console/RetryFailedOutboxMessages.js';
import { RetryOutboxMessage } from '../../../core/ops-console/RetryOutboxMessage.js';
import { SearchOutboxMessages } from '../../../core/ops-console/SearchOutboxMessages.js';
import { ViewKycProfile } from '../../../core/ops-console/ViewKycProfile.js';
import { ViewOutboxMessage } from '../../../core/ops-console/ViewOutboxMessage.js';
import { InMemoryKycHistoryRepository } from '../../support/InMemoryKycHistoryRepository.js';
import { InMemoryKycProfileRepository } from '../../support/InMemoryKycProfileRepository.js';
import { InMemoryMoneyPlusSubscriptionRepository } from '../../support/InMemoryMoneyPlusSubscriptionRepository.js';
import { aProfile } from '../../support/KycProfileMother.js';
import { ManualClock } from '../../support/ManualClock.js';
import { InMemoryOutboxConsoleStore } from '../../support/InMemoryOutboxConsoleStore.js';
import { InMemoryAuditTrail } from '../../support/InMemoryAuditTrail.js';
import { InMemoryUnitOfWork } from '../../support/InMemoryUnitOfWork.js';
import { rejectionOf } from '../../support/rejectionOf.js';

const NOW = new Date('2026-12-05T12:00:30Z');

describe('ops console use cases', () => {
  let store: InMemoryOutboxConsoleStore;
  let audit: InMemoryAuditTrail;
  let unitOfWork: InMemoryUnitOfWork;
  const clock = new ManualClock(NOW);
  const OPERATOR = { consumer: 'ops-alice', requestId: 'req-0001' };
  const retryMessage = () => new RetryOutboxMessage(store, clock, unitOfWork, audit);
  const retryFailed = () => new RetryFailedOutboxMessages(store, clock, unitOfWork, audit);

  beforeEach(() => {
    store = new InMemoryOutboxConsoleStore();
    audit = new InMemoryAuditTrail();
    unitOfWork = new InMemoryUnitOfWork([store, audit]);
  });

  describe('the audit trail of retries (SPEC 2.2.3)', () => {
    it('records who retried which message, when, under which request id, with the change', async () => {
      store.add({ id: 'm1', status: 'FAILED', attempts: 8 });
      await retryMessage().execute('m1', OPERATOR);
      expect(audit.records).to.deep.equal([
        { id: 1, actor: 'ops-alice', action: 'outbox.retry', target: '{"id":"m1"}', count: 1, outcome: null, requestId: 'req-0001', at: NOW },
      ]);
    });

    it('records a batch retry with its filter and count, and a dry run not at all', async () => {
      store.add({ id: 'a', status: 'FAILED', partitionKey: 'u1' }).add({ id: 'b', status: 'FAILED', partitionKey: 'u1' });
      await retryFailed().execute({ filter: { partitionKey: 'u1' }, dryRun: true }, OPERATOR);
      expect(audit.records).to.deep.equal([]);
      await retryFailed().execute({ filter: { partitionKey: 'u1' }, dryRun: false }, OPERATOR);
      expect(audit.records.map(({ action, target, count }) => ({ action, target, count }))).to.deep.equal([
        { action: 'outbox.retry-failed', target: '{"partitionKey":"u1","status":"FAILED"}', count: 2 },
      ]);
    });

    it('records nothing for a refused retry, and retries nothing when the record cannot be written', async () => {
      store.add({ id: 'm1', status: 'DONE', attempts: 1 }).add({ id: 'm2', status: 'FAILED', attempts: 8 });
      await rejectionOf(retryMessage().execute('m1', OPERATOR));
      audit.failNext = true;
      expect((await rejectionOf(retryMessage().execute('m2', OPERATOR))).message).to.equal('the audit log is not writable');
      audit.failNext = true;
      await rejectionOf(retryFailed().execute({ filter: {}, dryRun: false }, OPERATOR));
      expect(audit.records).to.deep.equal([]);
      expect(store.get('m2')).to.include({ status: 'FAILED', attempts: 8 });
    });
  });

  describe('RetryOutboxMessage', () => {
    it('refuses a delivered message with MESSAGE_ALREADY_DELIVERED and changes nothing', async () => {
      store.add({ id: 'm1', status: 'DONE', attempts: 1 });
      const error = await rejectionOf(retryMessage().execute('m1', OPERATOR), MessageAlreadyDelivered);
      expect(error).to.be.instanceOf(MessageAlreadyDelivered);
      expect(error.code).to.equal('MESSAGE_ALREADY_DELIVERED');
      expect(store.get('m1')).to.include({ status: 'DONE', attempts: 1 });
    });

    it('answers MESSAGE_NOT_FOUND for an unknown id', async () => {
      expect(await rejectionOf(retryMessage().execute('nope', OPERATOR))).to.be.instanceOf(MessageNotFound);
    });

    it('gives a FAILED message a fresh budget, due now', async () => {
      store.add({ id: 'm1', status: 'FAILED', attempts: 8 });
      expect(await retryMessage().execute('m1', OPERATOR)).to.deep.equal({ id: 'm1', status: 'PENDING' });
      expect(store.get('m1')).to.include({ status: 'PENDING', attempts: 0 });
      expect(store.get('m1').nextAttemptAt).to.deep.equal(NOW);
    });

    it('refuses when the message was delivered between the look-up and the retry', async () => {
      store.add({ id: 'm1', status: 'PENDING', nextAttemptAt: new Date(NOW.getTime() - 1000) });
      store.beforeMakeDue = () => {
        store.messages = store.messages.map((message) => ({ ...message, status: 'DONE' as const }));
      };
      expect(await rejectionOf(retryMessage().execute('m1', OPERATOR))).to.be.instanceOf(MessageAlreadyDelivered);
    });
  });

  describe('RetryFailedOutboxMessages', () => {
    beforeEach(() => {
      store.add({ id: 'a', status: 'FAILED', partitionKey: 'u1' }).add({ id: 'b', status: 'FAILED', partitionKey: 'u2' });
      store.add({ id: 'c', status: 'PENDING', partitionKey: 'u1', nextAttemptAt: new Date(NOW.getTime() + 60_000) }).add({ id: 'd', status: 'DONE', partitionKey: 'u1' });
    });

    it('with dryRun only counts the FAILED messages matching the filter', async () => {
      const before = JSON.stringify(store.messages);
      expect(await retryFailed().execute({ filter: { partitionKey: 'u1' }, dryRun: true }, OPERATOR)).to.deep.equal({ count: 1 });
      expect(JSON.stringify(store.messages)).to.equal(before);
    });

    it('touches only FAILED messages, even when the filter names another status', async () => {
      expect(await retryFailed().execute({ filter: { partitionKey: 'u1', status: 'DONE' }, dryRun: false }, OPERATOR)).to.deep.equal({ count: 1 });
      expect(store.messages.map((message) => [message.id, message.status])).to.deep.equal([
        ['a', 'PENDING'],
        ['b', 'FAILED'],
        ['c', 'PENDING'],
        ['d', 'DONE'],
      ]);
      expect(store.get('c').nextAttemptAt.getTime()).to.equal(NOW.getTime() + 60_000);
    });
  });

  describe('SearchOutboxMessages', () => {
    it('pages newest first and gives the last id shown as the cursor, null on the last page', async () => {
      for (const id of ['m1', 'm2', 'm3', 'm4', 'm5']) store.add({ id });
      const search = new SearchOutboxMessages(store, new LogMaskingPersonalDataMasker());
      const first = await search.execute({ filter: {}, limit: 2 });
      expect(first.items.map((item) => item.id)).to.deep.equal(['m5', 'm4']);
      expect(first.nextCursor).to.equal('m4');
      const second = await search.execute({ filter: {}, limit: 2, cursor: 'm4' });
      expect(second.items.map((item) => item.id)).to.deep.equal(['m3', 'm2']);
      const last = await search.execute({ filter: {}, limit: 2, cursor: second.nextCursor! });
      expect(last).to.deep.equal({ items: [store.get('m1')], nextCursor: null });
      expect((await search.execute({ filter: {}, limit: 5 })).nextCursor).to.equal(null);
    });
  });

  describe('OutboxOverview', () => {
    it('gives the oldest pending age in seconds and the series from whole minutes within the window', async () => {
      store.add({ id: 'p', status: 'PENDING', createdAt: new Date(NOW.getTime() - 90_000) }).add({ id: 'd', status: 'DONE' });
      store.minutes = [
        { minute: new Date('2026-12-05T10:59:00Z'), succeeded: 9, failed: 9 },
        { minute: new Date('2026-12-05T11:00:00Z'), succeeded: 2, failed: 1 },
      ];
      const overview = await new OutboxOverview(store, clock).execute({ hours: 1 });
      expect(overview.oldestPendingAgeSeconds).to.equal(90);
      expect(overview.series).to.deep.equal([{ minute: new Date('2026-12-05T11:00:00Z'), delivered: 2, failed: 1 }]);
      expect(overview.counts).to.have.deep.members([
        { status: 'PENDING', topic: 't', count: 1 },
        { status: 'DONE', topic: 't', count: 1 },
      ]);
    });

    it('reports no pending age when nothing is pending', async () => {
      expect((await new OutboxOverview(store, clock).execute({ hours: 6 })).oldestPendingAgeSeconds).to.equal(null);
    });
  });

  describe('ViewOutboxMessage', () => {
    it('masks the personal data of the payload, as the logs do', async () => {
      store.add({ id: 'm1', payload: { uid: 'u1', data: { name: 'Tan Mei Ling', phone: '+60123456789', occupation: '10009' } } });
      const { message } = await new ViewOutboxMessage(store, new LogMaskingPersonalDataMasker()).execute('m1');
      expect(message.payload).to.deep.equal({ uid: 'u1', data: { name: 'Tan****ing', phone: '+60****789', occupation: '10009' } });
    });

    it('masks what a partner echoed in its replies and errors, whole JSON or cut short', async () => {
      const cut = '{"retcode":1,"echo":{"phone":"+60123456789","idNo":"880101-14-5566","na';
      store.add({ id: 'm1', status: 'FAILED', lastError: 'HTTP 400: phone=+60123456789&retcode=1' });
      store.attempts.set('m1', [
        { attempt: 1, startedAt: NOW, durationMs: 5, succeeded: false, httpStatus: 400, responseExcerpt: '{"retcode":1,"phone":"+60123456789"}', error: 'HTTP 400' },
        { attempt: 2, startedAt: NOW, durationMs: 5, succeeded: false, httpStatus: 400, responseExcerpt: cut, error: null },
      ]);
      const { message, attempts } = await new ViewOutboxMessage(store, new LogMaskingPersonalDataMasker()).execute('m1');
      expect(message.lastError).to.equal('HTTP 400: phone=+60****789&retcode=1');
      expect(attempts.map((attempt) => attempt.responseExcerpt)).to.deep.equal([
        '{"retcode":1,"phone":"+60****789"}',
        '{"retcode":1,"echo":{"phone":"+60****789","idNo":"880****566","na',
      ]);
      expect(attempts[0]!.error).to.equal('HTTP 400');
      const page = await new SearchOutboxMessages(store, new LogMaskingPersonalDataMasker()).execute({ filter: {}, limit: 5 });
      expect(page.items[0]!.lastError).to.equal('HTTP 400: phone=+60****789&retcode=1');
    });
  });

  describe('ViewKycProfile', () => {
    it('masks phone and ID numbers in a free-text reject reason of the history, and the personal fields by name', async () => {
      const history = new InMemoryKycHistoryRepository();
      const reason = 'Call the customer at +60123456789 about IC 900101-14-5678';
      await history.record({
        uid: 'u1',
        eventId: 'e1',
        eventType: 'STATUS',
        outcome: 'APPLIED',
        changes: [
          { field: 'rejectReason', from: '', to: reason },
          { field: 'phone', from: '+60123456789', to: '+60198765432' },
          { field: 'level', from: 200, to: 300 },
        ],
        note: null,
        occurredAt: 1666755263,
        recordedAt: NOW,
        requestId: 'r1',
      });
      const view = await new ViewKycProfile(
        new InMemoryKycProfileRepository().add(aProfile('u1').rejected().build()),
        new InMemoryMoneyPlusSubscriptionRepository(),
        history,
        new LogMaskingPersonalDataMasker(),
      ).execute('u1');
      expect(view.history[0]!.changes).to.deep.equal([
        { field: 'rejectReason', from: '', to: 'Call the customer at +60****789 about IC 900****678' },
        { field: 'phone', from: '+60****789', to: '+60****432' },
        { field: 'level', from: 200, to: 300 },
      ]);
    });
  });
});
