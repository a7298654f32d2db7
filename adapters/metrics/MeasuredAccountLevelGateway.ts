import { AccountLevelGatewayTimedOut } from '../../core/upgrade-account/errors.js';
import type { AccountLevelGateway, DigitalLevelChange } from '../../core/upgrade-account/ports.js';
import type { EsbMetrics } from './EsbMetrics.js';

/**
 * Decorates whichever adapter fills the DA21 port (HTTP or simulator) with latency and
 * error metrics; the error itself passes through unchanged.
 */
export class MeasuredAccountLevelGateway implements AccountLevelGateway {
  constructor(
    private readonly inner: AccountLevelGateway,
    private readonly metrics: EsbMetrics,
  ) {}

  async setDigitalLevel(change: DigitalLevelChange): Promise<void> {
    const stop = this.metrics.latency.startTimer({ transaction: 'DA21' });
    try {
      await this.inner.setDigitalLevel(change);
      stop({ outcome: 'ok' });
    } catch (error) {
      stop({ outcome: error instanceof AccountLevelGatewayTimedOut ? 'timeout' : 'failed' });
      const code = (error as { code?: unknown } | null)?.code;
      this.metrics.errors.inc({ transaction: 'DA21', code: typeof code === 'string' ? code : 'UNEXPECTED' });
      throw error;
    }
  }
}
