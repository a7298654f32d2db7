import { expect } from 'chai';
import type { SignInObserver, SignInRefusal } from '../../../adapters/http/SignInObserver.js';
import { SIGN_IN_THROTTLE_LIMITS, SignInThrottle } from '../../../adapters/http/SignInThrottle.js';
import { ManualClock } from '../../support/ManualClock.js';

class RecordingSignInObserver implements SignInObserver {
  readonly outcomes: SignInRefusal[] = [];
  refused(outcome: SignInRefusal): void {
    this.outcomes.push(outcome);
  }
}

const { freeFailures, maxAddresses, forgetAfterMs, maxDelayMs } = SIGN_IN_THROTTLE_LIMITS;

describe('SignInThrottle', () => {
  let clock: ManualClock;
  let observer: RecordingSignInObserver;
  let throttle: SignInThrottle;

  beforeEach(() => {
    clock = new ManualClock();
    observer = new RecordingSignInObserver();
    throttle = new SignInThrottle(clock, [observer]);
  });

  const fail = (address: string, times: number) => {
    for (let n = 0; n < times; n += 1) throttle.failed(address);
  };

  it(`lets an address present ${freeFailures} wrong tokens, then bars it for a time that doubles with each further one`, () => {
    fail('10.0.0.1', freeFailures);
    expect(throttle.retryAfterSeconds('10.0.0.1')).to.equal(0);
    const waits: number[] = [];
    for (let further = 0; further < 4; further += 1) {
      throttle.failed('10.0.0.1');
      waits.push(throttle.retryAfterSeconds('10.0.0.1'));
      clock.advance(waits[waits.length - 1]! * 1000);
      expect(throttle.retryAfterSeconds('10.0.0.1')).to.equal(0);
    }
    expect(waits).to.deep.equal([1, 2, 4, 8]);
    expect(throttle.retryAfterSeconds('10.0.0.2')).to.equal(0);
  });

  it('caps the wait, and forgets an address that stopped failing', () => {
    fail('10.0.0.1', freeFailures + 40);
    expect(throttle.retryAfterSeconds('10.0.0.1')).to.equal(maxDelayMs / 1000);
    clock.advance(forgetAfterMs);
    expect(throttle.retryAfterSeconds('10.0.0.1')).to.equal(0);
    throttle.failed('10.0.0.1');
    expect(throttle.retryAfterSeconds('10.0.0.1')).to.equal(0);
  });

  it(`remembers at most ${maxAddresses} addresses, forgetting the one that failed least recently`, () => {
    fail('10.0.0.1', freeFailures + 1);
    for (let n = 0; n < maxAddresses; n += 1) throttle.failed(`fd00::${n.toString(16)}`);
    expect(throttle.size).to.equal(maxAddresses);
    expect(throttle.retryAfterSeconds('10.0.0.1')).to.equal(0);
    fail('fd00::0', freeFailures);
    expect(throttle.size).to.equal(maxAddresses);
    expect(throttle.retryAfterSeconds('fd00::0')).to.equal(1);
  });

  it('tells its observers of every wrong token and every barred request', () => {
    fail('10.0.0.1', freeFailures + 1);
    throttle.retryAfterSeconds('10.0.0.1');
    throttle.retryAfterSeconds('10.0.0.1');
    expect(observer.outcomes.filter((outcome) => outcome === 'unauthorized')).to.have.length(freeFailures + 1);
    expect(observer.outcomes.filter((outcome) => outcome === 'throttled')).to.have.length(2);
  });
});
