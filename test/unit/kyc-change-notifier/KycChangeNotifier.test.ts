import { expect } from 'chai';
import type { KycInfoField } from '../../../core/kyc-change-notifier/KycProfile.js';
import { MONEYPLUS_CALLBACK_TOPIC, type MoneyPlusInfoField } from '../../../core/kyc-change-notifier/MoneyPlusCallback.js';
import type { KycStatusInput } from '../../../core/kyc-change-notifier/ports.js';
import type { NewOutboxMessage, Outbox } from '../../../core/shared/Outbox.js';
import { aProfile, kycEvents, SITI_INFO } from '../../support/KycProfileMother.js';
import { context, kycWorld } from './kycWorld.js';
import { statusCallbackData } from '../../support/statusCallbackData.js';
import { rejectionOf } from '../../support/rejectionOf.js';

const UID = '12345';
const subscribed: [string, string][] = [[UID, 'MPLUS']];
const approvedEkyc: KycStatusInput = { clientStatus: 3, level: 300, isMeetBusiness: true };

describe('KycChangeNotifier', () => {
  describe('STATUS events', () => {
    it('queues the seed\'s approve callback for a subscribed user whose eKYC is auto-approved', async () => {
      const world = kycWorld({ profiles: [aProfile(UID).pending(300).build()], subscribed });
      const result = await world.notifier.execute(kycEvents.status(UID, approvedEkyc, 1666755263), context);
      expect(result.outcome).to.equal('APPLIED');
      expect(world.outbox.messages).to.have.length(1);
      const [message] = world.outbox.messages;
      expect(message).to.include({ topic: MONEYPLUS_CALLBACK_TOPIC, partitionKey: UID });
      expect(message!.payload).to.deep.equal({ bizId: 'MPLUS', uid: UID, event: 'KYC_STATUS_CHANGED', data: statusCallbackData({}) });
      expect(result.callbacks).to.deep.equal([{ bizId: 'MPLUS', messageId: message!.id }]);
      expect(world.profiles.profiles.get(UID)?.status).to.include({ clientStatus: 3, level: 300, isMeetBusiness: true });
    });

    it('changes an unsubscribed user\'s profile but queues no callback', async () => {
      const world = kycWorld({ profiles: [aProfile(UID).pending(300).build()] });
      const result = await world.notifier.execute(kycEvents.status(UID, approvedEkyc), context);
      expect(result.outcome).to.equal('APPLIED');
      expect(world.outbox.messages).to.deep.equal([]);
      expect(world.profiles.profiles.get(UID)?.status?.clientStatus).to.equal(3);
    });

    it('queues one callback per subscribed partner', async () => {
      const world = kycWorld({ profiles: [aProfile(UID).pending(300).build()], subscribed: [[UID, 'MPLUS'], [UID, 'OTHER']] });
      await world.notifier.execute(kycEvents.status(UID, approvedEkyc), context);
      expect(world.payloads().map((payload) => payload.bizId)).to.deep.equal(['MPLUS', 'OTHER']);
    });

    for (const [clientStatus, isMeetBusiness] of [[2, false], [4, false], [3, false]] as const) {
      it(`reports a partial (level 100) case moving to clientStatus ${clientStatus}`, async () => {
        const world = kycWorld({ profiles: [aProfile(UID).noCase().build()], subscribed });
        await world.notifier.execute(kycEvents.status(UID, { clientStatus, level: 100, isMeetBusiness }), context);
        expect(world.payloads()[0]!.data).to.deep.equal(
          statusCallbackData({ spay_kyc_client_status: clientStatus, spay_kyc_level: 100, is_meet_business: false }),
        );
      });
    }

    for (const clientStatus of [2, 3, 4] as const) {
      it(`reports partial to full (level 200) with clientStatus ${clientStatus}`, async () => {
        const world = kycWorld({ profiles: [aProfile(UID).approved(100).build()], subscribed });
        await world.notifier.execute(kycEvents.status(UID, { clientStatus, level: 200, isMeetBusiness: false }), context);
        expect(world.payloads()[0]!.data).to.deep.equal(
          statusCallbackData({ spay_kyc_client_status: clientStatus, spay_kyc_level: 200, is_meet_business: false }),
        );
      });
    }

    it('reports none to eKYC pending as the seed shows it', async () => {
      const world = kycWorld({ profiles: [aProfile(UID).noCase().build()], subscribed });
      await world.notifier.execute(kycEvents.status(UID, { clientStatus: 2, level: 300, isMeetBusiness: false }), context);
      expect(world.payloads()[0]!.data).to.deep.equal(statusCallbackData({ spay_kyc_client_status: 2, is_meet_business: false }));
    });

    it('gives full to eKYC the same final callbacks as none to eKYC (only the final state counts)', async () => {
      const steps: KycStatusInput[] = [
        { clientStatus: 2, level: 300, isMeetBusiness: true },
        { clientStatus: 3, level: 300, isMeetBusiness: true },
      ];
      const fromNone = kycWorld({ profiles: [aProfile(UID).noCase().build()], subscribed });
      const fromFull = kycWorld({ profiles: [aProfile(UID).approved(200).build()], subscribed });
      for (const world of [fromNone, fromFull]) {
        for (const [index, step] of steps.entries()) await world.notifier.execute(kycEvents.status(UID, step, 1666767444, `e-${index}`), context);
      }
      expect(fromFull.payloads()).to.deep.equal(fromNone.payloads());
      expect(fromFull.payloads().at(-1)!.data).to.deep.equal(statusCallbackData({ change_status_time: 1666767444 }));
      expect(fromFull.profiles.profiles.get(UID)?.status).to.deep.equal(fromNone.profiles.profiles.get(UID)?.status);
    });

    it('sends a reject chosen by reason keys as an empty reason and the JSON-encoded key array', async () => {
      const world = kycWorld({ profiles: [aProfile(UID).pending(300).build()], subscribed });
      const keys = ['kyc_reject_reason_one__MY', 'kyc_reject_reason_three__MY'];
      await world.notifier.execute(kycEvents.status(UID, { clientStatus: 4, level: 300, isMeetBusiness: true, rejectReasonKeys: keys }), context);
      const data = world.payloads()[0]!.data as Record<string, unknown>;
      expect(data.spay_reject_reason).to.equal('');
      expect(data.spay_reject_reason_key).to.equal('["kyc_reject_reason_one__MY","kyc_reject_reason_three__MY"]');
      expect(JSON.parse(data.spay_reject_reason_key as string)).to.deep.equal(keys);
    });

    it('sends a reject for "others" as the free text with an empty key', async () => {
      const world = kycWorld({ profiles: [aProfile(UID).pending(300).build()], subscribed });
      const status: KycStatusInput = { clientStatus: 4, level: 300, isMeetBusiness: false, rejectReason: 'reject by spp auto', rejectReasonKeys: ['others'] };
      await world.notifier.execute(kycEvents.status(UID, status), context);
      expect(world.payloads()[0]!.data).to.deep.equal(
        statusCallbackData({ spay_kyc_client_status: 4, is_meet_business: false, spay_reject_reason: 'reject by spp auto' }),
      );
    });

    it('fills both reject fields when keys and an "others" text are chosen (re-upload photo)', async () => {
      const world = kycWorld({ profiles: [aProfile(UID).pending(300).build()], subscribed });
      const status: KycStatusInput = {
        clientStatus: 4,
        level: 300,
        isMeetBusiness: true,
        rejectReason: 'reject for testing',
        rejectReasonKeys: ['kyc_reject_reason_one__MY', 'kyc_reject_reason_three__MY', 'others'],
      };
      await world.notifier.execute(kycEvents.status(UID, status, 1666767800), context);
      expect(world.payloads()[0]!.data).to.deep.equal(
        statusCallbackData({
          spay_kyc_client_status: 4,
          spay_reject_reason: 'reject for testing',
          spay_reject_reason_key: '["kyc_reject_reason_one__MY","kyc_reject_reason_three__MY"]',
          change_status_time: 1666767800,
        }),
      );
    });

    it('fills both delete fields when several delete keys plus an "others" text are chosen', async () => {
      const world = kycWorld({ profiles: [aProfile(UID).approved(300).build()], subscribed });
      const status: KycStatusInput = {
        clientStatus: 5,
        level: 300,
        isMeetBusiness: false,
        deleteReason: 'customer asked to close the wallet',
        deleteReasonKeys: ['kyc_delete_reason_one__MY', 'kyc_delete_reason_two__MY', 'others'],
      };
      await world.notifier.execute(kycEvents.status(UID, status), context);
      expect(world.payloads()[0]!.data).to.deep.equal(
        statusCallbackData({
          spay_kyc_client_status: 5,
          is_meet_business: false,
          spay_delete_reason: 'customer asked to close the wallet',
          spay_delete_reason_key: '["kyc_delete_reason_one__MY","kyc_delete_reason_two__MY"]',
        }),
      );
    });

    it('uses the applied event\'s occurredAt as change_status_time, not the clock', async () => {
      const world = kycWorld({ profiles: [aProfile(UID).pending(300).build()], subscribed });
      await world.notifier.execute(kycEvents.status(UID, approvedEkyc, 1700000123), context);
      expect((world.payloads()[0]!.data as Record<string, unknown>).change_status_time).to.equal(1700000123);
    });

    it('queues nothing when a new event repeats the status the profile already has', async () => {
      const world = kycWorld({ profiles: [aProfile(UID).approved(300).build()], subscribed });
      const result = await world.notifier.execute(kycEvents.status(UID, approvedEkyc), context);
      expect(result.outcome).to.equal('UNCHANGED');
      expect(world.outbox.messages).to.deep.equal([]);
    });
  });

  describe('INFO events', () => {
    const cases: [KycInfoField, MoneyPlusInfoField, string][] = [
      ['nationality', 'nationality', 'SG'],
      ['mailingAddress', 'mailing_address', '8 Lorong Kurau, 59100 Kuala Lumpur'],
      ['address', 'address', '3 Jalan Tun Razak, 50400 Kuala Lumpur'],
      ['gender', 'gender', 'M'],
      ['dob', 'dob', '1991-02-28'],
      ['phone', 'phone', '+60198765432'],
      ['industryCode', 'nature_of_business', '47190'],
      ['occupationCode', 'occupation', '20031'],
      ['name', 'name', 'Siti Aminah binti Ahmad'],
    ];
    for (const [field, moneyPlusName, value] of cases) {
      it(`sends an info callback naming ${moneyPlusName} when ${field} changes on an approved case`, async () => {
        const world = kycWorld({ profiles: [aProfile(UID).approved(300).build()], subscribed });
        const result = await world.notifier.execute(kycEvents.info(UID, { [field]: value }), context);
        expect(result.changedFields).to.deep.equal([field]);
        const [payload] = world.payloads();
        expect(payload).to.include({ event: 'KYC_INFO_CHANGED', bizId: 'MPLUS', uid: UID });
        const data = payload!.data as Record<string, unknown>;
        expect(data.changed_fields).to.deep.equal([moneyPlusName]);
        expect(data[moneyPlusName]).to.equal(value);
      });
    }

    it('carries the industry code in nature_of_business and the occupation code in occupation', async () => {
      const world = kycWorld({ profiles: [aProfile(UID).approved(300).build()], subscribed });
      await world.notifier.execute(kycEvents.info(UID, { industryCode: '14220', occupationCode: '10009', name: 'Nur Aisyah' }), context);
      expect(world.payloads()[0]!.data).to.deep.equal({
        changed_fields: ['name'],
        name: 'Nur Aisyah',
        gender: 'F',
        dob: '1990-01-31',
        nationality: 'MY',
        address: SITI_INFO.address,
        mailing_address: SITI_INFO.mailingAddress,
        phone: '+60123456789',
        nature_of_business: '14220',
        occupation: '10009',
      });
    });

    it('lists every changed Money+ field in changed_fields', async () => {
      const world = kycWorld({ profiles: [aProfile(UID).approved(300).build()], subscribed });
      await world.notifier.execute(kycEvents.info(UID, { occupationCode: '20031', industryCode: '47190' }), context);
      expect((world.payloads()[0]!.data as Record<string, unknown>).changed_fields).to.deep.equal(['nature_of_business', 'occupation']);
    });

    it('updates a pending case\'s profile without any callback', async () => {
      const world = kycWorld({ profiles: [aProfile(UID).pending(300).build()], subscribed });
      const result = await world.notifier.execute(kycEvents.info(UID, { name: 'Nur Aisyah', nationality: 'SG' }), context);
      expect(result.outcome).to.equal('APPLIED');
      expect(world.profiles.profiles.get(UID)?.info).to.include({ name: 'Nur Aisyah', nationality: 'SG' });
      expect(world.outbox.messages).to.deep.equal([]);
    });

    for (const state of ['rejected', 'deleted'] as const) {
      it(`sends no info callback for a ${state} case`, async () => {
        const world = kycWorld({ profiles: [aProfile(UID)[state](300).build()], subscribed });
        await world.notifier.execute(kycEvents.info(UID, { name: 'Nur Aisyah' }), context);
        expect(world.profiles.profiles.get(UID)?.info.name).to.equal('Nur Aisyah');
        expect(world.outbox.messages).to.deep.equal([]);
      });
    }

    it('sends no info callback when no Money+ field really changed', async () => {
      const world = kycWorld({ profiles: [aProfile(UID).approved(300).build()], subscribed });
      const same = await world.notifier.execute(kycEvents.info(UID, { name: SITI_INFO.name!, phone: SITI_INFO.phone! }), context);
      expect(same.outcome).to.equal('UNCHANGED');
      const icTypeOnly = await world.notifier.execute(kycEvents.info(UID, { icType: 'PASSPORT' }, 1666755301), context);
      expect(icTypeOnly.outcome).to.equal('APPLIED');
      expect(world.profiles.profiles.get(UID)?.info.icType).to.equal('PASSPORT');
      expect(world.outbox.messages).to.deep.equal([]);
    });

    it('updates an unsubscribed user\'s approved profile without a callback', async () => {
      const world = kycWorld({ profiles: [aProfile(UID).approved(300).build()] });
      await world.notifier.execute(kycEvents.info(UID, { name: 'Nur Aisyah' }), context);
      expect(world.profiles.profiles.get(UID)?.info.name).to.equal('Nur Aisyah');
      expect(world.outbox.messages).to.deep.equal([]);
    });
  });

  describe('PHONE events (the wallet\'s phone-change consumer)', () => {
    it('changes an approved eKYC user\'s phone, writes history and sends an info callback naming phone', async () => {
      const world = kycWorld({ profiles: [aProfile(UID).approved(300).build()], subscribed });
      const result = await world.notifier.execute(kycEvents.phone(UID, '+60111222333'), context);
      expect(result.outcome).to.equal('APPLIED');
      expect(world.profiles.profiles.get(UID)?.info.phone).to.equal('+60111222333');
      expect(world.history.entries).to.have.length(1);
      expect(world.history.entries[0]).to.deep.include({ eventType: 'PHONE', outcome: 'APPLIED', changes: [{ field: 'phone', from: '+60123456789', to: '+60111222333' }] });
      const data = world.payloads()[0]!.data as Record<string, unknown>;
      expect(data.changed_fields).to.deep.equal(['phone']);
      expect(data.phone).to.equal('+60111222333');
      // No re-verification (seamless individual) is triggered: the only message is the callback.
      expect(world.outbox.messages.map((message) => message.topic)).to.deep.equal([MONEYPLUS_CALLBACK_TOPIC]);
    });

    it('changes an unsubscribed eKYC user\'s phone without a callback', async () => {
      const world = kycWorld({ profiles: [aProfile(UID).approved(300).build()] });
      await world.notifier.execute(kycEvents.phone(UID, '+60111222333'), context);
      expect(world.profiles.profiles.get(UID)?.info.phone).to.equal('+60111222333');
      expect(world.outbox.messages).to.deep.equal([]);
    });

    it('does not change the KYC phone of a user who is not eKYC, sends nothing, and notes it in history', async () => {
      const world = kycWorld({ profiles: [aProfile(UID).approved(200).build()], subscribed });
      const result = await world.notifier.execute(kycEvents.phone(UID, '+60111222333'), context);
      expect(result.outcome).to.equal('NOT_EKYC');
      expect(world.profiles.profiles.get(UID)?.info.phone).to.equal('+60123456789');
      expect(world.outbox.messages).to.deep.equal([]);
      expect(world.history.entries[0]).to.deep.include({ outcome: 'NOT_EKYC' });
      expect(world.history.entries[0]!.note).to.match(/not eKYC/);
    });

    it('changes a pending eKYC user\'s phone without a callback', async () => {
      const world = kycWorld({ profiles: [aProfile(UID).pending(300).build()], subscribed });
      await world.notifier.execute(kycEvents.phone(UID, '+60111222333'), context);
      expect(world.profiles.profiles.get(UID)?.info.phone).to.equal('+60111222333');
      expect(world.outbox.messages).to.deep.equal([]);
    });
  });

  describe('WALLET events', () => {
    it('changes the wallet status and queues no callback', async () => {
      const world = kycWorld({ profiles: [aProfile(UID).approved(300).build()], subscribed });
      const result = await world.notifier.execute(kycEvents.wallet(UID, 'BANNED'), context);
      expect(result).to.deep.include({ outcome: 'APPLIED', changedFields: ['walletStatus'] });
      expect(world.profiles.profiles.get(UID)?.walletStatus).to.equal('BANNED');
      expect(world.outbox.messages).to.deep.equal([]);
    });
  });

  describe('duplicate and stale events', () => {
    it('changes nothing and queues nothing when an eventId comes again', async () => {
      const world = kycWorld({ profiles: [aProfile(UID).pending(300).build()], subscribed });
      const first = kycEvents.status(UID, approvedEkyc, 1666755263, 'evt-dup');
      await world.notifier.execute(first, context);
      const again = await world.notifier.execute(
        kycEvents.status(UID, { clientStatus: 4, level: 300, isMeetBusiness: false }, 1666755999, 'evt-dup'),
        context,
      );
      expect(again).to.deep.equal({ eventId: 'evt-dup', uid: UID, outcome: 'DUPLICATE', changedFields: [], callbacks: [] });
      expect(world.outbox.messages).to.have.length(1);
      expect(world.history.entries).to.have.length(1);
      expect(world.profiles.profiles.get(UID)?.status?.clientStatus).to.equal(3);
    });

    it('answers DUPLICATE and rolls back when a concurrent request records the same eventId first', async () => {
      const world = kycWorld({ profiles: [aProfile(UID).pending(300).build()], subscribed });
      await world.notifier.execute(kycEvents.status(UID, approvedEkyc, 1666755263, 'evt-race'), context);
      world.processed.raceOnce = true;
      const raced = await world.notifier.execute(kycEvents.info(UID, { name: 'Nur Aisyah' }, 1666755300, 'evt-race'), context);
      expect(raced.outcome).to.equal('DUPLICATE');
      expect(world.profiles.profiles.get(UID)?.info.name).to.equal(SITI_INFO.name);
      expect(world.outbox.messages).to.have.length(1);
      expect(world.history.entries).to.have.length(1);
    });

    it('keeps an older STATUS event in history but does not apply it or call back', async () => {
      const world = kycWorld({ profiles: [aProfile(UID).pending(300).build()], subscribed });
      await world.notifier.execute(kycEvents.status(UID, approvedEkyc, 1666767444), context);
      const late = await world.notifier.execute(kycEvents.status(UID, { clientStatus: 2, level: 300, isMeetBusiness: true }, 1666767000), context);
      expect(late.outcome).to.equal('STALE');
      expect(world.profiles.profiles.get(UID)?.status?.clientStatus).to.equal(3);
      expect(world.outbox.messages).to.have.length(1);
      expect(world.history.entries.map((entry) => entry.outcome)).to.deep.equal(['APPLIED', 'STALE']);
      expect(world.history.entries[1]!.changes).to.deep.include({ field: 'clientStatus', from: 3, to: 2 });
    });

    it('applies an event with the same occurredAt as the last one (pending then approved in one second)', async () => {
      const world = kycWorld({ profiles: [aProfile(UID).noCase().build()], subscribed });
      await world.notifier.execute(kycEvents.status(UID, { clientStatus: 2, level: 300, isMeetBusiness: true }, 1666767444), context);
      const approved = await world.notifier.execute(kycEvents.status(UID, approvedEkyc, 1666767444), context);
      expect(approved.outcome).to.equal('APPLIED');
      expect(world.payloads().map((payload) => (payload.data as Record<string, unknown>).spay_kyc_client_status)).to.deep.equal([2, 3]);
    });

    it('does not let an older INFO event undo a newer one', async () => {
      const world = kycWorld({ profiles: [aProfile(UID).approved(300).build()], subscribed });
      await world.notifier.execute(kycEvents.info(UID, { name: 'Newer Name' }, 2000), context);
      const late = await world.notifier.execute(kycEvents.info(UID, { name: 'Older Name' }, 1000), context);
      expect(late.outcome).to.equal('STALE');
      expect(world.profiles.profiles.get(UID)?.info.name).to.equal('Newer Name');
      expect(world.outbox.messages).to.have.length(1);
    });

    it('keeps a newer wallet phone when an older INFO event carries another phone, applying its other fields', async () => {
      const world = kycWorld({ profiles: [aProfile(UID).approved(300).build()], subscribed });
      await world.notifier.execute(kycEvents.phone(UID, '+60111222333', 2000), context);
      const info = await world.notifier.execute(kycEvents.info(UID, { phone: '+60100000000', name: 'Nur Aisyah' }, 1500), context);
      expect(info.changedFields).to.deep.equal(['name']);
      expect(world.profiles.profiles.get(UID)?.info).to.include({ phone: '+60111222333', name: 'Nur Aisyah' });
    });

    it('does not apply an older PHONE event after a newer one', async () => {
      const world = kycWorld({ profiles: [aProfile(UID).approved(300).build()], subscribed });
      await world.notifier.execute(kycEvents.phone(UID, '+60111222333', 2000), context);
      const late = await world.notifier.execute(kycEvents.phone(UID, '+60100000000', 1000), context);
      expect(late.outcome).to.equal('STALE');
      expect(world.profiles.profiles.get(UID)?.info.phone).to.equal('+60111222333');
    });

    it('does not apply an older WALLET event after a newer one', async () => {
      const world = kycWorld({ profiles: [aProfile(UID).approved(300).build()] });
      await world.notifier.execute(kycEvents.wallet(UID, 'BANNED', 2000), context);
      await world.notifier.execute(kycEvents.wallet(UID, 'ACTIVE', 1000), context);
      expect(world.profiles.profiles.get(UID)?.walletStatus).to.equal('BANNED');
    });
  });

  describe('unknown users and transactions', () => {
    it('creates the profile of an unknown uid from its first event (the KYC system is the source of truth)', async () => {
      const world = kycWorld({ subscribed: [['new-user', 'MPLUS']] });
      const result = await world.notifier.execute(kycEvents.status('new-user', { clientStatus: 2, level: 300, isMeetBusiness: false }), context);
      expect(result.outcome).to.equal('APPLIED');
      expect(world.profiles.profiles.get('new-user')?.status).to.include({ clientStatus: 2, level: 300 });
      expect(world.outbox.messages).to.have.length(1);
    });

    it('rolls the profile change back when queuing its callback fails (one unit of work)', async () => {
      const failing: Outbox = {
        enqueue: async (_message: NewOutboxMessage) => {
          throw new Error('outbox down');
        },
      };
      const world = kycWorld({ profiles: [aProfile(UID).pending(300).build()], subscribed, outbox: failing });
      const error = await rejectionOf(world.notifier.execute(kycEvents.status(UID, approvedEkyc, 1666755263, 'evt-rollback'), context));
      expect(error.message).to.equal('outbox down');
      expect(world.profiles.profiles.get(UID)?.status?.clientStatus).to.equal(2);
      expect(world.history.entries).to.deep.equal([]);
      expect(await world.processed.find('evt-rollback')).to.equal(null);
    });

    it('writes a history row saying what changed, from what, to what, when and by which event', async () => {
      const world = kycWorld({ profiles: [aProfile(UID).approved(300).build()] });
      await world.notifier.execute(kycEvents.info(UID, { nationality: 'SG' }, 1666755300, 'evt-hist'), context);
      expect(world.history.entries).to.deep.equal([
        {
          uid: UID,
          eventId: 'evt-hist',
          eventType: 'INFO',
          outcome: 'APPLIED',
          changes: [{ field: 'nationality', from: 'MY', to: 'SG' }],
          note: null,
          occurredAt: 1666755300,
          recordedAt: world.clock.now(),
          requestId: 'req-1',
        },
      ]);
    });
  });
});
