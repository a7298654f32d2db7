import { expect } from 'chai';
import { decideUpgrade, esbTransactionIdFor } from '../../../core/upgrade-account/decideUpgrade.js';
import { EddaNotVerified, UpgradeAlreadyDecided, UpgradeInProgress } from '../../../core/upgrade-account/errors.js';
import type { EddaCheck } from '../../../core/upgrade-account/ports.js';
import { thrownBy } from '../../support/thrownBy.js';
import { anEddaCheck } from '../../support/MemberMother.js';

const NOW = new Date('2026-12-05T08:00:00.000Z');
const CLAIM_MS = 3500;
const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs);
const check = (overrides: Partial<EddaCheck> = {}) => anEddaCheck({ id: 42, ...overrides });

describe('decideUpgrade (claim → call → record)', () => {
  it('claims a verified check for a pass, expiring claimMs after now, with the TransactionID derived from the check', () => {
    expect(decideUpgrade(check(), true, NOW, CLAIM_MS)).to.deep.equal({
      kind: 'claim',
      claim: { esbTransactionId: esbTransactionIdFor({ id: 42 }), expiresAt: at(CLAIM_MS) },
    });
  });

  it('records a failed video check at once: no claim, no DA21 call', () => {
    expect(decideUpgrade(check(), false, NOW, CLAIM_MS)).to.deep.equal({ kind: 'record-failure' });
  });

  it('refuses with UPGRADE_IN_PROGRESS while another call holds an unexpired claim, whatever the result asked', () => {
    const claimed = check({ decidingUntil: at(1), esbTransactionId: 'MPUPG000000000042' });
    expect(thrownBy(() => decideUpgrade(claimed, true, NOW, CLAIM_MS))).to.be.instanceOf(UpgradeInProgress);
    expect(thrownBy(() => decideUpgrade(claimed, false, NOW, CLAIM_MS))).to.be.instanceOf(UpgradeInProgress);
  });

  it('takes over an expired claim (a crash between claim and record) and reuses its stored TransactionID', () => {
    const abandoned = check({ decidingUntil: NOW, esbTransactionId: 'MPUPG-STORED' });
    expect(decideUpgrade(abandoned, true, NOW, CLAIM_MS)).to.deep.equal({
      kind: 'claim',
      claim: { esbTransactionId: 'MPUPG-STORED', expiresAt: at(CLAIM_MS) },
    });
  });

  it('answers a repeat of the applied result as already applied even if a stale claim is left', () => {
    expect(decideUpgrade(check({ status: 'CustomerSuccess', decidingUntil: at(1000) }), true, NOW, CLAIM_MS)).to.deep.equal({ kind: 'already-applied' });
  });

  it('keeps the status rules of SPEC 3 step 2 ahead of the claim', () => {
    expect(thrownBy(() => decideUpgrade(check({ status: 'New' }), true, NOW, CLAIM_MS))).to.be.instanceOf(EddaNotVerified);
    expect(thrownBy(() => decideUpgrade(check({ status: 'CustomerFailure' }), true, NOW, CLAIM_MS))).to.be.instanceOf(UpgradeAlreadyDecided);
  });
});
