import { expect } from 'chai';
import { CircuitBreaker } from '../../../adapters/esb/CircuitBreaker.js';
import type { EsbSettings } from '../../../adapters/esb/EsbSettings.js';
import { CircuitBreakingAccountLevelGateway } from '../../../adapters/esb/upgrade-account/CircuitBreakingAccountLevelGateway.js';
import { HttpDa21Gateway } from '../../../adapters/esb/upgrade-account/HttpDa21Gateway.js';
import { AccountLevelGatewayUnavailable } from '../../../core/upgrade-account/errors.js';
import type { DigitalLevelChange } from '../../../core/upgrade-account/ports.js';
import { FakeEsbServer } from '../../support/FakeEsbServer.js';
import { InMemoryAccountLevelGateway } from '../../support/InMemoryAccountLevelGateway.js';
import { ManualClock } from '../../support/ManualClock.js';
import { rejectionOf } from '../../support/rejectionOf.js';

/** The production defaults of esb.circuitBreaker and esb.timeoutMs (README). */
const CIRCUIT = { failuresToOpen: 5, openMs: 10000, halfOpenProbes: 1 };
const TIMEOUT_MS = 5000;

/** What ends a call, as the circuit sees it: issue 20 item 1 (a permit is given back whatever ends the call). */
describe('CircuitBreaker permits: every admitted call gives its permit back', () => {
  describe('the DA21 gateway as wired (HttpDa21Gateway behind CircuitBreakingAccountLevelGateway) on a manual clock', () => {
    let esb: FakeEsbServer;
    let clock: ManualClock;
    let breaker: CircuitBreaker;
    let gateway: CircuitBreakingAccountLevelGateway;

    beforeEach(async () => {
      esb = new FakeEsbServer();
      const settings: EsbSettings = { url: await esb.start(), timeoutMs: TIMEOUT_MS, channelId: 'BMD', consumerId: 'TWBMD', circuitBreaker: CIRCUIT };
      clock = new ManualClock();
      breaker = new CircuitBreaker(CIRCUIT, clock);
      gateway = new CircuitBreakingAccountLevelGateway(new HttpDa21Gateway(settings, clock), breaker);
    });
    afterEach(() => esb.stop());

    /** An UpgradeAccount call that started `waitedMs` ago (its claim transaction waited that long). */
    const change = (waitedMs = 0): DigitalLevelChange => ({
      transactionId: `MPUPG${String(esb.requests.length).padStart(12, '0')}`,
      accountId: 'A1',
      prodName: 'AC.DIGITAL.SAV',
      level: '1A',
      requestedAt: new Date(clock.now().getTime() - waitedMs),
    });
    /** `ok`, or the error code the call ended with. */
    const answer = async (waitedMs = 0): Promise<string> => {
      try {
        await gateway.setDigitalLevel(change(waitedMs));
        return 'ok';
      } catch (error) {
        return (error as { code?: string }).code ?? String(error);
      }
    };

    it('a half-open probe whose deadline was spent before the call frees its slot: with the ESB healthy again, upgrades succeed', async () => {
      esb.behaviour = { kind: 'http-error', status: 503 };
      for (let i = 0; i < CIRCUIT.failuresToOpen; i += 1) expect(await answer()).to.equal('ESB_DA21_FAILED');
      expect(breaker.state).to.equal('open');
      esb.behaviour = { kind: 'success' };
      clock.advance(CIRCUIT.openMs);
      const before = esb.requests.length;
      // The probe: the claim transaction waited on a busy database longer than the whole deadline.
      expect(await answer(TIMEOUT_MS + 1)).to.equal('ESB_TIMEOUT');
      expect(esb.requests).to.have.length(before);
      // Before the fix every one of these answered ESB_UNAVAILABLE, for as long as the process lived.
      const later: string[] = [];
      for (const waitMs of [0, 10000, 600000, 3600000]) {
        clock.advance(waitMs);
        later.push(await answer());
      }
      expect(later).to.deep.equal(['ok', 'ok', 'ok', 'ok']);
      expect(breaker.state).to.equal('closed');
    });

    it('a deadline spent before the call neither closes nor reopens the circuit: the next probe decides', async () => {
      esb.behaviour = { kind: 'http-error', status: 503 };
      for (let i = 0; i < CIRCUIT.failuresToOpen; i += 1) await answer();
      clock.advance(CIRCUIT.openMs);
      expect(await answer(TIMEOUT_MS)).to.equal('ESB_TIMEOUT');
      expect(breaker.state).to.equal('half-open');
      expect(await answer()).to.equal('ESB_DA21_FAILED');
      expect(breaker.state).to.equal('open');
      expect(await answer()).to.equal('ESB_UNAVAILABLE');
    });
  });

  describe('CircuitBreakingAccountLevelGateway with an in-memory ESB', () => {
    const change: DigitalLevelChange = { transactionId: 'T1', accountId: 'A1', prodName: 'AC.DIGITAL.SAV', level: '1A', requestedAt: new Date() };

    function openCircuit() {
      const clock = new ManualClock();
      const breaker = new CircuitBreaker({ failuresToOpen: 1, openMs: 1000, halfOpenProbes: 1 }, clock);
      const inner = new InMemoryAccountLevelGateway();
      const gateway = new CircuitBreakingAccountLevelGateway(inner, breaker);
      breaker.failed(breaker.admit()!);
      clock.advance(1000);
      return { breaker, inner, gateway };
    }

    it('an exception from our own code frees the probe slot without a verdict on the ESB', async () => {
      const { breaker, inner, gateway } = openCircuit();
      inner.answer = new TypeError("Cannot read properties of undefined (reading 'ArrngId')");
      expect(await rejectionOf(gateway.setDigitalLevel(change))).to.be.instanceOf(TypeError);
      expect(breaker.state).to.equal('half-open');
      inner.answer = 'ok';
      await gateway.setDigitalLevel(change);
      expect(breaker.state).to.equal('closed');
    });

    it('a probe still out keeps the slot: a concurrent call is refused at once', async () => {
      const { inner, gateway } = openCircuit();
      inner.answer = 'never';
      // The probe hangs in the ESB (its real counterpart ends at the deadline); the next call finds the only slot taken.
      void gateway.setDigitalLevel(change);
      await rejectionOf(gateway.setDigitalLevel(change), AccountLevelGatewayUnavailable);
      expect(inner.calls).to.have.length(1);
    });
  });

  describe('CircuitBreaker.release', () => {
    it('not-attempted in the closed state leaves the count of consecutive failures as it was', () => {
      const breaker = new CircuitBreaker({ failuresToOpen: 2, openMs: 1000, halfOpenProbes: 1 }, new ManualClock());
      breaker.release(breaker.admit()!, 'failure');
      breaker.release(breaker.admit()!, 'not-attempted');
      expect(breaker.state).to.equal('closed');
      breaker.release(breaker.admit()!, 'failure');
      expect(breaker.state).to.equal('open');
    });

    it('a permit counts once: releasing it again frees no second slot', () => {
      const clock = new ManualClock();
      const breaker = new CircuitBreaker({ failuresToOpen: 1, openMs: 1000, halfOpenProbes: 1 }, clock);
      breaker.release(breaker.admit()!, 'failure');
      clock.advance(1000);
      const first = breaker.admit()!;
      const second = breaker.admit();
      expect(second).to.equal(null);
      breaker.release(first, 'not-attempted');
      const third = breaker.admit()!;
      breaker.release(first, 'not-attempted');
      expect(breaker.admit()).to.equal(null);
      breaker.release(third, 'success');
      expect(breaker.state).to.equal('closed');
    });
  });
});
