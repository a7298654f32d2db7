import { expect } from 'chai';
import { MoneyPlusEntry } from '../../../core/kyc-change-notifier/MoneyPlusEntry.js';
import { InMemoryKycProfileRepository } from '../../support/InMemoryKycProfileRepository.js';
import { aProfile, type KycProfileBuilder } from '../../support/KycProfileMother.js';

async function routeOf(builder: KycProfileBuilder | null) {
  const profiles = new InMemoryKycProfileRepository();
  if (builder) profiles.add(builder.build());
  return new MoneyPlusEntry(profiles).execute({ uid: 'u1' });
}

describe('MoneyPlusEntry', () => {
  it('sends a user whose wallet is not activated to activation: consent page, payment password, then eKYC', async () => {
    expect(await routeOf(aProfile('u1').wallet('NOT_ACTIVATED').approved(300))).to.deep.equal({
      uid: 'u1',
      route: 'ACTIVATION',
      steps: ['CONSENT_PAGE', 'SET_PAYMENT_PASSWORD', 'EKYC'],
    });
  });

  it('sends a uid the mirror never heard of to activation', async () => {
    expect((await routeOf(null)).route).to.equal('ACTIVATION');
  });

  it('shows the banned popup to a banned wallet, before any KYC rule', async () => {
    expect((await routeOf(aProfile('u1').wallet('BANNED').pending(300))).route).to.equal('BANNED_POPUP');
  });

  for (const [level, tag] of [[200, 'FULL_KYC'], [300, 'EKYC']] as const) {
    it(`shows the KYC status popup for a pending level-${level} case`, async () => {
      expect(await routeOf(aProfile('u1').pending(level))).to.deep.equal({
        uid: 'u1',
        route: 'KYC_STATUS_POPUP',
        popup: { kycStatus: 'PENDING', tag, action: 'WAIT_FOR_REVIEW' },
      });
    });
  }

  it('sends an approved eKYC user to Money+ registration', async () => {
    expect((await routeOf(aProfile('u1').approved(300))).route).to.equal('MONEYPLUS_REGISTRATION');
  });

  it('sends an approved full-KYC user to the eKYC flow', async () => {
    expect((await routeOf(aProfile('u1').approved(200))).route).to.equal('EKYC_FLOW');
  });

  for (const [label, builder] of [
    ['no case', () => aProfile('u1').noCase()],
    ['a pending partial case', () => aProfile('u1').pending(100)],
    ['a rejected eKYC case', () => aProfile('u1').rejected(300)],
    ['a deleted eKYC case', () => aProfile('u1').deleted(300)],
  ] as const) {
    it(`sends an active user with ${label} to the eKYC flow`, async () => {
      expect((await routeOf(builder())).route).to.equal('EKYC_FLOW');
    });
  }
});
