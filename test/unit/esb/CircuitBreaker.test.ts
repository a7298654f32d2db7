import { expect } from 'chai';
import { CircuitBreaker, type CircuitPermit, type CircuitState } from '../../../adapters/esb/CircuitBreaker.js';
import { CircuitBreakingAccountLevelGateway } from '../../../adapters/esb/upgrade-account/CircuitBreakingAccountLevelGateway.js';
import { AccountLevelGatewayFailed, AccountLevelGatewayUnavailable } from '../../../core/upgrade-account/errors.js';
import { ManualClock } from '../../support/ManualClock.js';
import { InMemoryAccountLevelGateway } from '../../support/InMemoryAccountLevelGateway.js';

const SETTINGS = { failuresToOpen: 3, openMs: 1000, halfOpenProbes: 1 };

function aBreaker() {
  const clock = new ManualClock();
  const breaker = new CircuitBreaker(SETTINGS, clock);
  const transitions: Array<[CircuitState, CircuitState]> = [];
  breaker.onTransition((from, to) => transitions.push([from, to]));
  const advance = (ms: number) => clock.advance(ms);
  const fail = (times: number) => {
    for (let i = 0; i < times; i += 1) breaker.failed(breaker.admit()!);
  };
  return { breaker, transitions, advance, fail };
}

describe('CircuitBreaker', () => {
  it('opens after failuresToOpen consecutive failures, and a success in between resets the count', () => {
    const { breaker, transitions, fail } = aBreaker();
    fail(2);
    breaker.succeeded(breaker.admit()!);
    fail(2);
    expect(breaker.state).to.equal('closed');
    fail(1);
    expect(breaker.state).to.equal('open');
    expect(transitions).to.deep.equal([['closed', 'open']]);
  });

  it('refuses every call while open, until openMs has passed', () => {
    const { breaker, advance, fail } = aBreaker();
    fail(3);
    expect(breaker.admit()).to.equal(null);
    advance(SETTINGS.openMs - 1);
    expect(breaker.admit()).to.equal(null);
    advance(1);
    expect(breaker.admit()).to.not.equal(null);
    expect(breaker.state).to.equal('half-open');
  });

  it('lets halfOpenProbes calls through when half-open; a successful probe closes it', () => {
    const { breaker, transitions, advance, fail } = aBreaker();
    fail(3);
    advance(SETTINGS.openMs);
    const probe = breaker.admit()!;
    expect(breaker.admit()).to.equal(null);
    breaker.succeeded(probe);
    expect(breaker.state).to.equal('closed');
    expect(breaker.admit()).to.not.equal(null);
    expect(transitions).to.deep.equal([['closed', 'open'], ['open', 'half-open'], ['half-open', 'closed']]);
  });

  it('reopens for another openMs when the probe fails, then admits a probe again', () => {
    const { breaker, transitions, advance, fail } = aBreaker();
    fail(3);
    advance(SETTINGS.openMs);
    breaker.failed(breaker.admit()!);
    expect(breaker.state).to.equal('open');
    advance(SETTINGS.openMs - 1);
    expect(breaker.admit()).to.equal(null);
    expect(transitions.at(-1)).to.deep.equal(['half-open', 'open']);
    advance(1);
    expect(breaker.admit()).to.not.equal(null);
    expect(breaker.state).to.equal('half-open');
  });

  it('ignores outcomes of calls admitted before the last transition (many calls failing at once open it once)', () => {
    const { breaker, transitions, advance } = aBreaker();
    const inFlight: CircuitPermit[] = Array.from({ length: 10 }, () => breaker.admit()!);
    for (const permit of inFlight) breaker.failed(permit);
    expect(transitions).to.deep.equal([['closed', 'open']]);
    advance(SETTINGS.openMs);
    const probe = breaker.admit()!;
    breaker.succeeded(inFlight[0]!); // a late answer from before is not the probe's verdict
    expect(breaker.state).to.equal('half-open');
    breaker.succeeded(probe);
    expect(breaker.state).to.equal('closed');
  });
});

describe('CircuitBreakingAccountLevelGateway', () => {
  const change = { transactionId: 'T1', accountId: 'A1', prodName: 'AC.DIGITAL.SAV', level: '1A', requestedAt: new Date() };

  async function outcome(promise: Promise<void>): Promise<unknown> {
    try {
      await promise;
      return 'ok';
    } catch (error) {
      return error;
    }
  }

  it('answers ESB_UNAVAILABLE at once, without calling the ESB, once timeouts opened the circuit', async () => {
    const inner = new InMemoryAccountLevelGateway();
    const gateway = new CircuitBreakingAccountLevelGateway(inner, new CircuitBreaker(SETTINGS, new ManualClock()));
    inner.answer = 'timeout';
    for (let i = 0; i < 3; i += 1) await outcome(gateway.setDigitalLevel(change));
    inner.answer = 'ok';
    expect(await outcome(gateway.setDigitalLevel(change))).to.be.instanceOf(AccountLevelGatewayUnavailable);
    expect(inner.calls).to.have.length(3);
  });

  it('does not count refusals by the core bank (the ESB answered) against the circuit, but counts an unreachable ESB', async () => {
    const breaker = new CircuitBreaker(SETTINGS, new ManualClock());
    const inner = new InMemoryAccountLevelGateway();
    const gateway = new CircuitBreakingAccountLevelGateway(inner, breaker);
    inner.answer = 'refuse';
    for (let i = 0; i < 5; i += 1) expect(await outcome(gateway.setDigitalLevel(change))).to.be.instanceOf(AccountLevelGatewayFailed);
    expect(breaker.state).to.equal('closed');
    const unreachable = new CircuitBreakingAccountLevelGateway(
      { setDigitalLevel: () => Promise.reject(new AccountLevelGatewayFailed('ESB unreachable', { esbDown: true })) },
      breaker,
    );
    for (let i = 0; i < 3; i += 1) await outcome(unreachable.setDigitalLevel(change));
    expect(breaker.state).to.equal('open');
  });
});
