import { expect } from 'chai';
import fc from 'fast-check';
import { backoffDelay } from '../../../adapters/scheduler/backoffDelay.js';

const SVIX = [5000, 300000, 1800000, 7200000, 18000000, 36000000, 36000000];

describe('backoffDelay', () => {
  it('waits backoffMs[n-1] after failed attempt n when jitter is neutral', () => {
    expect([1, 2, 3, 7].map((attempt) => backoffDelay(attempt, SVIX, () => 0.5))).to.deep.equal([5000, 300000, 1800000, 36000000]);
  });

  it('repeats the last entry once the list runs out', () => {
    expect(backoffDelay(8, [1000, 2000], () => 0.5)).to.equal(2000);
    expect(backoffDelay(50, [1000, 2000], () => 0.5)).to.equal(2000);
  });

  it('spreads the delay by ±20 % at the extremes of the random source', () => {
    expect(backoffDelay(1, SVIX, () => 0)).to.equal(4000);
    expect(backoffDelay(1, SVIX, () => 0.999999)).to.equal(6000);
  });

  it('always stays within ±20 % of the scheduled delay', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (attempt, random) => {
        const base = SVIX[Math.min(attempt, SVIX.length) - 1]!;
        const delay = backoffDelay(attempt, SVIX, () => random);
        return delay >= base * 0.8 && delay <= base * 1.2;
      }),
    );
  });

  it("takes the receiver's Retry-After when it is longer, the jittered backoff when it is shorter", () => {
    expect(backoffDelay(1, SVIX, () => 0.5, 60000)).to.equal(60000);
    expect(backoffDelay(2, SVIX, () => 0.5, 60000)).to.equal(300000);
  });

  it("caps the receiver's Retry-After at the largest backoffMs entry", () => {
    expect(backoffDelay(1, SVIX, () => 0.5, 999999999 * 1000)).to.equal(36000000);
    expect(backoffDelay(1, [1000, 9000, 2000], () => 0.5, 60000)).to.equal(9000);
  });
});
