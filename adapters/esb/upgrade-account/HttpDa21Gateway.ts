import { inject, injectable } from 'inversify';
import { Clock } from '../../../core/shared/Clock.js';
import { AccountLevelGatewayFailed, AccountLevelGatewayTimedOut } from '../../../core/upgrade-account/errors.js';
import type { AccountLevelGateway, DigitalLevelChange } from '../../../core/upgrade-account/ports.js';
import { EsbSettings } from '../EsbSettings.js';
import { buildDa21Request, readDa21Reply } from './da21Message.js';

/** DA21 AcctInfoMod over HTTP to the core banking ESB, with the configured timeout. */
@injectable()
export class HttpDa21Gateway implements AccountLevelGateway {
  constructor(
    @inject(EsbSettings) private readonly settings: EsbSettings,
    @inject(Clock) private readonly clock: Clock,
  ) {}

  async setDigitalLevel(change: DigitalLevelChange): Promise<void> {
    // There is no default ESB address (the start refuses a missing one); never guess one.
    const url = this.settings.url;
    if (!url) throw new AccountLevelGatewayFailed('esb.url is not configured');
    const now = this.clock.now();
    // The timeout is a deadline for the whole UpgradeAccount call, not only for the exchange.
    const remainingMs = this.settings.timeoutMs - (now.getTime() - change.requestedAt.getTime());
    if (remainingMs <= 0) throw new AccountLevelGatewayTimedOut(this.settings.timeoutMs, { esbCalled: false });
    const request = buildDa21Request(change, this.settings, now);
    let status: number;
    let text: string;
    try {
      // The deadline covers the whole exchange, reply body included.
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8', accept: 'application/json' },
        body: JSON.stringify(request),
        signal: AbortSignal.timeout(remainingMs),
      });
      status = response.status;
      text = await response.text();
    } catch (error) {
      if ((error as Error).name === 'TimeoutError') throw new AccountLevelGatewayTimedOut(this.settings.timeoutMs);
      throw new AccountLevelGatewayFailed('ESB unreachable', { cause: error, esbDown: true });
    }
    if (status < 200 || status >= 300) throw new AccountLevelGatewayFailed(`HTTP ${status}`, { esbDown: status >= 500 });
    const outcome = readDa21Reply(text);
    if (!outcome.ok) throw new AccountLevelGatewayFailed(outcome.detail);
  }
}
