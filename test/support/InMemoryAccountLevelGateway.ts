import { AccountLevelGatewayFailed, AccountLevelGatewayTimedOut, AccountLevelGatewayUnavailable } from '../../core/upgrade-account/errors.js';
import type { AccountLevelGateway, DigitalLevelChange } from '../../core/upgrade-account/ports.js';

/**
 * The ESB as the use case sees it: records calls, answers as told (`never`: the call
 * never returns, as when the process dies mid-call; an Error: that very error is thrown).
 * `duringCall` runs inside each call.
 */
export class InMemoryAccountLevelGateway implements AccountLevelGateway {
  calls: DigitalLevelChange[] = [];
  answer: 'ok' | 'refuse' | 'timeout' | 'unavailable' | 'never' | Error = 'ok';
  duringCall: () => void = () => undefined;

  async setDigitalLevel(change: DigitalLevelChange): Promise<void> {
    this.calls.push(change);
    this.duringCall();
    if (this.answer === 'never') await new Promise(() => undefined);
    await new Promise((resolve) => setImmediate(resolve));
    if (this.answer instanceof Error) throw this.answer;
    if (this.answer === 'refuse') throw new AccountLevelGatewayFailed('RtrnCode 500');
    if (this.answer === 'timeout') throw new AccountLevelGatewayTimedOut(5000);
    if (this.answer === 'unavailable') throw new AccountLevelGatewayUnavailable();
  }
}
