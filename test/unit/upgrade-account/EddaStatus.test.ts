import { expect } from 'chai';
import { decideReview, EDDA_STATUSES, isEddaStatus } from '../../../core/upgrade-account/EddaStatus.js';

describe('EddaStatus', () => {
  it('applies a pass or a failure only from EDDASuccess', () => {
    expect(decideReview('EDDASuccess', true)).to.deep.equal({ kind: 'apply', nextStatus: 'CustomerSuccess' });
    expect(decideReview('EDDASuccess', false)).to.deep.equal({ kind: 'apply', nextStatus: 'CustomerFailure' });
  });

  it('knows exactly the six statuses of seed 000', () => {
    expect([...EDDA_STATUSES]).to.deep.equal(['New', 'EDDASuccess', 'EDDAExpired', 'EDDAFailure', 'CustomerSuccess', 'CustomerFailure']);
    expect(isEddaStatus('EDDASuccess')).to.equal(true);
    expect(isEddaStatus('eddasuccess')).to.equal(false);
  });
});
