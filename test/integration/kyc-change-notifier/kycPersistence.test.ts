import { expect } from 'chai';
import { SequelizeOutboxOperatorQueries } from '../../../adapters/persistence/outbox/SequelizeOutboxOperatorQueries.js';
import { FixtureLoader } from '../../../adapters/persistence/fixtures/FixtureLoader.js';
import { loadConfig } from '../../../config/loadConfig.js';
import { MidplatService } from '../../../config/MidplatService.js';
import { KycEventAlreadyProcessed } from '../../../core/kyc-change-notifier/errors.js';
import { KycChangeNotifier } from '../../../core/kyc-change-notifier/KycChangeNotifier.js';
import type { KycProfile } from '../../../core/kyc-change-notifier/KycProfile.js';
import {
  KycHistoryRepository,
  KycProfileRepository,
  MoneyPlusSubscriptionRepository,
  ProcessedKycEventRepository,
} from '../../../core/kyc-change-notifier/ports.js';
import { Outbox } from '../../../core/shared/Outbox.js';
import { UnitOfWork } from '../../../core/shared/UnitOfWork.js';
import { aProfile, kycEvents } from '../../support/KycProfileMother.js';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../../support/testDatabases.js';
import { rejectionOf } from '../../support/rejectionOf.js';

const context = { requestId: 'req-int', consumer: 'kyc-ops' };

for (const kind of DATABASE_KINDS) {
  describe(`KYC persistence (${kind})`, () => {
    let database: TestDatabase;
    let service: MidplatService;

    beforeEach(async () => {
      database = await createTestDatabase(kind);
      const config = loadConfig({}, { database: { url: database.url }, log: { level: 'silent' }, demo: { loadOnStart: false } });
      service = new MidplatService(config);
      await service.prepare();
    });

    afterEach(async () => {
      await service.database.close();
      await database.drop();
    });

    const get = <T>(token: symbol | (new (...args: never[]) => T)) => service.container.get<T>(token as never);
    const profiles = () => get<KycProfileRepository>(KycProfileRepository);
    const unitOfWork = () => get<UnitOfWork>(UnitOfWork);
    const outboxMessages = () => get<SequelizeOutboxOperatorQueries>(SequelizeOutboxOperatorQueries).list({ limit: 100 });

    it('stores and reads back a whole profile: status with reason arrays, every info field, per-part times', async () => {
      const profile: KycProfile = {
        ...aProfile('u-1').withStatus(4, 300, { rejectReason: 'blurred', rejectReasonKeys: ['kyc_reject_reason_one__MY', 'others'] }).build(),
        appliedAt: { status: 1666767800, info: 1666755300, phone: null, wallet: 4102444800 },
      };
      await unitOfWork().run(async () => {
        const { created } = await profiles().lockOrCreate(profile);
        expect(created).to.equal(true);
        await profiles().save(profile);
      });
      expect(await profiles().find('u-1')).to.deep.equal(profile);
    });

    it('creates a profile once: lockOrCreate of a known uid returns the stored one', async () => {
      await unitOfWork().run(() => profiles().lockOrCreate(aProfile('u-2').approved(300).build()));
      const again = await unitOfWork().run(() => profiles().lockOrCreate(aProfile('u-2').noCase().build()));
      expect(again.created).to.equal(false);
      expect(again.profile.status?.clientStatus).to.equal(3);
    });

    it('refuses a second record of the same eventId with KycEventAlreadyProcessed', async () => {
      const processed = get<ProcessedKycEventRepository>(ProcessedKycEventRepository);
      const event = { eventId: 'evt-x', uid: 'u-3', eventType: 'STATUS' as const, outcome: 'APPLIED' as const, processedAt: new Date('2026-11-23T08:00:00Z') };
      await unitOfWork().run(() => processed.record(event));
      await rejectionOf(unitOfWork().run(() => processed.record(event)), KycEventAlreadyProcessed);
      expect((await processed.find('evt-x'))?.outcome).to.equal('APPLIED');
    });

    it('subscribes idempotently and unsubscribes', async () => {
      const subscriptions = get<MoneyPlusSubscriptionRepository>(MoneyPlusSubscriptionRepository);
      const at = new Date('2026-11-23T08:00:00Z');
      await unitOfWork().run(async () => {
        await subscriptions.subscribe('u-4', 'MPLUS', at);
        await subscriptions.subscribe('u-4', 'MPLUS', at);
        await subscriptions.subscribe('u-4', 'AAA', at);
      });
      expect(await subscriptions.bizIdsOf('u-4')).to.deep.equal(['AAA', 'MPLUS']);
      await unitOfWork().run(() => subscriptions.unsubscribe('u-4', 'AAA'));
      expect(await subscriptions.bizIdsOf('u-4')).to.deep.equal(['MPLUS']);
    });

    it('commits the profile change, its history, the eventId and the outbox message together', async () => {
      await get<FixtureLoader>(FixtureLoader).load({
        kycProfiles: [{ uid: 'u-5', walletStatus: 'ACTIVE', clientStatus: 2, level: 300, isMeetBusiness: true }],
        moneyPlusSubscriptions: [{ uid: 'u-5', bizId: 'MPLUS' }],
      });
      const result = await get<KycChangeNotifier>(KycChangeNotifier).execute(
        kycEvents.status('u-5', { clientStatus: 3, level: 300, isMeetBusiness: true }, 1666755263, 'evt-5'),
        context,
      );
      const messages = await outboxMessages();
      expect(messages.map((message) => [message.id, message.topic, message.partitionKey, message.status])).to.deep.equal([
        [result.callbacks[0]!.messageId, 'moneyplus.callback', 'u-5', 'PENDING'],
      ]);
      const history = await get<KycHistoryRepository>(KycHistoryRepository).listFor('u-5');
      expect(history.map((entry) => [entry.eventId, entry.outcome, entry.changes])).to.deep.equal([
        ['evt-5', 'APPLIED', [{ field: 'clientStatus', from: 2, to: 3 }]],
      ]);
      expect((await get<ProcessedKycEventRepository>(ProcessedKycEventRepository).find('evt-5'))?.uid).to.equal('u-5');
    });

    it('rolls the profile change back when the outbox insert fails in the same transaction', async () => {
      await get<FixtureLoader>(FixtureLoader).load({
        kycProfiles: [{ uid: 'u-6', walletStatus: 'ACTIVE', clientStatus: 2, level: 300, isMeetBusiness: true }],
        moneyPlusSubscriptions: [{ uid: 'u-6', bizId: 'MPLUS' }],
      });
      const outbox = get<Outbox>(Outbox);
      const original = outbox.enqueue.bind(outbox);
      outbox.enqueue = async (message) => {
        await original(message);
        throw new Error('simulated failure after the outbox insert');
      };
      try {
        const error = await rejectionOf(
          get<KycChangeNotifier>(KycChangeNotifier).execute(
            kycEvents.status('u-6', { clientStatus: 3, level: 300, isMeetBusiness: true }, 1666755263, 'evt-6'),
            context,
          ),
        );
        expect(error.message).to.equal('simulated failure after the outbox insert');
      } finally {
        outbox.enqueue = original;
      }
      expect((await profiles().find('u-6'))?.status?.clientStatus).to.equal(2);
      expect(await outboxMessages()).to.deep.equal([]);
      expect(await get<KycHistoryRepository>(KycHistoryRepository).listFor('u-6')).to.deep.equal([]);
      expect(await get<ProcessedKycEventRepository>(ProcessedKycEventRepository).find('evt-6')).to.equal(null);
    });

    it('applies one of several concurrent deliveries of the same event and queues one callback', async () => {
      await get<FixtureLoader>(FixtureLoader).load({
        kycProfiles: [{ uid: 'u-7', walletStatus: 'ACTIVE', clientStatus: 2, level: 300, isMeetBusiness: true }],
        moneyPlusSubscriptions: [{ uid: 'u-7', bizId: 'MPLUS' }],
      });
      const notifier = get<KycChangeNotifier>(KycChangeNotifier);
      const event = kycEvents.status('u-7', { clientStatus: 3, level: 300, isMeetBusiness: true }, 1666755263, 'evt-7');
      const results = await Promise.all(Array.from({ length: 6 }, () => notifier.execute(event, context)));
      expect(results.map((result) => result.outcome).sort()).to.deep.equal(['APPLIED', 'DUPLICATE', 'DUPLICATE', 'DUPLICATE', 'DUPLICATE', 'DUPLICATE']);
      expect(await outboxMessages()).to.have.length(1);
    });

    it('creates one profile when the first events of an unknown uid arrive at once', async () => {
      const notifier = get<KycChangeNotifier>(KycChangeNotifier);
      const results = await Promise.all([
        notifier.execute(kycEvents.info('u-8', { name: 'Nur Aisyah' }, 1000, 'evt-8a'), context),
        notifier.execute(kycEvents.wallet('u-8', 'ACTIVE', 1000, 'evt-8b'), context),
        notifier.execute(kycEvents.status('u-8', { clientStatus: 2, level: 300, isMeetBusiness: false }, 1000, 'evt-8c'), context),
      ]);
      expect(results.map((result) => result.outcome)).to.deep.equal(['APPLIED', 'APPLIED', 'APPLIED']);
      const profile = await profiles().find('u-8');
      expect(profile).to.deep.include({ walletStatus: 'ACTIVE' });
      expect(profile?.info.name).to.equal('Nur Aisyah');
      expect(profile?.status?.clientStatus).to.equal(2);
      expect(await get<KycHistoryRepository>(KycHistoryRepository).listFor('u-8')).to.have.length(3);
    });

    it('applies a burst of first events for many new users at once, each profile created once', async () => {
      const notifier = get<KycChangeNotifier>(KycChangeNotifier);
      const events = Array.from({ length: 24 }, (_, index) =>
        kycEvents.status(`burst-${index % 12}`, { clientStatus: 2, level: 300, isMeetBusiness: false }, 1000 + index, `evt-burst-${index}`),
      );
      const results = await Promise.all(events.map((event) => notifier.execute(event, context)));
      // Per user, whichever event comes first applies; the other repeats it or is older.
      expect(results.filter((result) => result.outcome === 'APPLIED')).to.have.length(12);
      expect(results.filter((result) => result.outcome === 'UNCHANGED' || result.outcome === 'STALE')).to.have.length(12);
      for (let index = 0; index < 12; index += 1) expect((await profiles().find(`burst-${index}`))?.status?.clientStatus).to.equal(2);
    });

    it('loads the kycProfiles fixture as the profiles the API then reads', async () => {
      await get<FixtureLoader>(FixtureLoader).load({
        kycProfiles: [
          {
            uid: 'u-9',
            walletStatus: 'BANNED',
            clientStatus: 5,
            level: 200,
            isMeetBusiness: false,
            deleteReason: 'closed',
            deleteReasonKeys: ['kyc_delete_reason_one__MY'],
            info: { name: 'Tan Wei Ming', dob: '1979-11-02', phone: '+60193456789', icType: 'NRIC' },
          },
          { uid: 'u-10', walletStatus: 'NOT_ACTIVATED' },
        ],
      });
      const loaded = await profiles().find('u-9');
      expect(loaded?.walletStatus).to.equal('BANNED');
      expect(loaded?.status).to.deep.equal({
        clientStatus: 5,
        level: 200,
        isMeetBusiness: false,
        rejectReason: '',
        rejectReasonKeys: [],
        deleteReason: 'closed',
        deleteReasonKeys: ['kyc_delete_reason_one__MY'],
      });
      expect(loaded?.info).to.include({ name: 'Tan Wei Ming', dob: '1979-11-02', phone: '+60193456789', icType: 'NRIC', gender: null });
      expect((await profiles().find('u-10'))?.status).to.equal(null);
    });

    it('refuses a kycProfiles fixture item with an unknown clientStatus and writes nothing', async () => {
      const error = await rejectionOf(get<FixtureLoader>(FixtureLoader).load({ kycProfiles: [{ uid: 'ok', walletStatus: 'ACTIVE' }, { uid: 'bad', walletStatus: 'ACTIVE', clientStatus: 9, level: 300 }] }));
      expect(error.message).to.match(/kycProfiles\[1\]\/clientStatus/);
      expect(await profiles().find('ok')).to.equal(null);
    });
  });
}
