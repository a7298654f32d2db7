import { expect } from 'chai';
import { KycProfileNotFound, PartnerNotFound, SubscriptionNotFound } from '../../../core/kyc-change-notifier/errors.js';
import { QueryFieldResult } from '../../../core/kyc-change-notifier/QueryFieldResult.js';
import { aProfile, kycEvents, SITI_INFO } from '../../support/KycProfileMother.js';
import { context, kycWorld } from './kycWorld.js';
import { rejectionOf } from '../../support/rejectionOf.js';

function queryWorld() {
  const world = kycWorld({
    profiles: [aProfile('u1').approved(300).build(), aProfile('u2').approved(300).build()],
    subscribed: [
      ['u1', 'MPLUS'],
      ['u1', 'OTHER'],
      ['u2', 'OTHER'],
      ['nobody', 'MPLUS'],
    ],
  });
  return { ...world, query: new QueryFieldResult(world.profiles, world.partners, world.subscriptions) };
}

describe('QueryFieldResult', () => {
  it('returns exactly the partner\'s configured fields, plus ic_type and has_pending_case', async () => {
    const { query } = queryWorld();
    expect(await query.execute({ uid: 'u1', bizId: 'MPLUS' })).to.deep.equal({
      uid: 'u1',
      bizId: 'MPLUS',
      fields: {
        name: SITI_INFO.name,
        phone: '+60123456789',
        nationality: 'MY',
        mailing_address: SITI_INFO.mailingAddress,
        nature_of_business: '14220',
        occupation: '10009',
        ic_type: 'NRIC',
        has_pending_case: false,
      },
    });
    expect((await query.execute({ uid: 'u1', bizId: 'OTHER' })).fields).to.deep.equal({ name: SITI_INFO.name, ic_type: 'NRIC', has_pending_case: false });
  });

  it('reflects an applied phone change at once', async () => {
    const { query, notifier } = queryWorld();
    await query.execute({ uid: 'u1', bizId: 'MPLUS' });
    await notifier.execute(kycEvents.phone('u1', '+60111222333'), context);
    expect((await query.execute({ uid: 'u1', bizId: 'MPLUS' })).fields.phone).to.equal('+60111222333');
  });

  it('says has_pending_case once a new case is pending', async () => {
    const { query, notifier } = queryWorld();
    await notifier.execute(kycEvents.status('u1', { clientStatus: 2, level: 300, isMeetBusiness: true }), context);
    expect((await query.execute({ uid: 'u1', bizId: 'MPLUS' })).fields.has_pending_case).to.equal(true);
  });

  it('refuses an unknown bizId with PARTNER_NOT_FOUND', async () => {
    const { query } = queryWorld();
    expect(await rejectionOf(query.execute({ uid: 'u1', bizId: 'NOPE' }))).to.be.instanceOf(PartnerNotFound);
  });

  it('answers SUBSCRIPTION_NOT_FOUND for a uid not subscribed to that bizId, even when subscribed to another', async () => {
    const { query } = queryWorld();
    const error = await rejectionOf(query.execute({ uid: 'u2', bizId: 'MPLUS' }), SubscriptionNotFound);
    expect(error).to.be.instanceOf(SubscriptionNotFound);
    expect(error.code).to.equal('SUBSCRIPTION_NOT_FOUND');
    expect((await query.execute({ uid: 'u2', bizId: 'OTHER' })).fields.name).to.equal(SITI_INFO.name);
  });

  it('answers SUBSCRIPTION_NOT_FOUND once the user unsubscribed', async () => {
    const { query, subscriptions } = queryWorld();
    await subscriptions.unsubscribe('u1', 'MPLUS');
    expect(await rejectionOf(query.execute({ uid: 'u1', bizId: 'MPLUS' }))).to.be.instanceOf(SubscriptionNotFound);
  });

  it('answers KYC_PROFILE_NOT_FOUND for a subscribed uid without a profile', async () => {
    const { query } = queryWorld();
    const error = await rejectionOf(query.execute({ uid: 'nobody', bizId: 'MPLUS' }), KycProfileNotFound);
    expect(error.code).to.equal('KYC_PROFILE_NOT_FOUND');
  });
});
