import { expect } from 'chai';
import { PartnerNotFound } from '../../../core/kyc-change-notifier/errors.js';
import { MoneyPlusSubscription } from '../../../core/kyc-change-notifier/MoneyPlusSubscription.js';
import { aProfile, kycEvents } from '../../support/KycProfileMother.js';
import { context, kycWorld } from './kycWorld.js';
import { rejectionOf } from '../../support/rejectionOf.js';

function subscriptionWorld() {
  const world = kycWorld({ profiles: [aProfile('u1').approved(300).build()] });
  const useCase = new MoneyPlusSubscription(world.unitOfWork, world.subscriptions, world.profiles, world.partners, world.clock);
  return { ...world, useCase };
}

describe('MoneyPlusSubscription', () => {
  it('subscribes a user and answers with the user\'s KYC state', async () => {
    const { useCase } = subscriptionWorld();
    expect(await useCase.execute({ action: 'SUBSCRIBE', uid: 'u1', bizId: 'MPLUS' })).to.deep.equal({
      uid: 'u1',
      bizId: 'MPLUS',
      subscribed: true,
      kyc: { clientStatus: 3, level: 300, isMeetBusiness: true },
    });
  });

  it('is idempotent: subscribing twice or unsubscribing twice gives the same answer', async () => {
    const { useCase, subscriptions } = subscriptionWorld();
    const first = await useCase.execute({ action: 'SUBSCRIBE', uid: 'u1', bizId: 'MPLUS' });
    expect(await useCase.execute({ action: 'SUBSCRIBE', uid: 'u1', bizId: 'MPLUS' })).to.deep.equal(first);
    expect(await subscriptions.bizIdsOf('u1')).to.deep.equal(['MPLUS']);
    await useCase.execute({ action: 'UNSUBSCRIBE', uid: 'u1', bizId: 'MPLUS' });
    const again = await useCase.execute({ action: 'UNSUBSCRIBE', uid: 'u1', bizId: 'MPLUS' });
    expect(again.subscribed).to.equal(false);
    expect(await subscriptions.bizIdsOf('u1')).to.deep.equal([]);
  });

  it('refuses an unknown bizId with PARTNER_NOT_FOUND and stores nothing', async () => {
    const { useCase, subscriptions } = subscriptionWorld();
    const error = await rejectionOf(useCase.execute({ action: 'SUBSCRIBE', uid: 'u1', bizId: 'NOPE' }), PartnerNotFound);
    expect(error.code).to.equal('PARTNER_NOT_FOUND');
    expect(await subscriptions.bizIdsOf('u1')).to.deep.equal([]);
  });

  it('answers null KYC fields for a user the KYC system has not reported yet', async () => {
    const { useCase } = subscriptionWorld();
    const result = await useCase.execute({ action: 'SUBSCRIBE', uid: 'later', bizId: 'MPLUS' });
    expect(result.kyc).to.deep.equal({ clientStatus: null, level: null, isMeetBusiness: null });
  });

  it('starts and stops callbacks: only events while subscribed are queued', async () => {
    const world = subscriptionWorld();
    await world.notifier.execute(kycEvents.info('u1', { name: 'Before' }, 1000), context);
    await world.useCase.execute({ action: 'SUBSCRIBE', uid: 'u1', bizId: 'MPLUS' });
    await world.notifier.execute(kycEvents.info('u1', { name: 'During' }, 2000), context);
    await world.useCase.execute({ action: 'UNSUBSCRIBE', uid: 'u1', bizId: 'MPLUS' });
    await world.notifier.execute(kycEvents.info('u1', { name: 'After' }, 3000), context);
    expect(world.payloads().map((payload) => (payload.data as Record<string, unknown>).name)).to.deep.equal(['During']);
  });
});
