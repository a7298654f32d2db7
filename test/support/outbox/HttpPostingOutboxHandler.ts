import type { DeliveryResult, OutboxDelivery, OutboxHandler } from '../../../core/shared/OutboxHandler.js';

/**
 * An OutboxHandler that POSTs each message's payload to a URL, with the message id as
 * `webhook-id` and the sender as `x-worker`; 2xx is success, Retry-After is honoured.
 */
export class HttpPostingOutboxHandler implements OutboxHandler {
  constructor(
    private readonly url: string,
    private readonly worker: string,
    readonly topic = 'test.http',
    readonly maxAttempts = 5,
    private readonly timeoutMs = 5000,
  ) {}

  async deliver(delivery: OutboxDelivery): Promise<DeliveryResult> {
    try {
      const response = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'webhook-id': delivery.id, 'x-worker': this.worker },
        body: JSON.stringify(delivery.payload),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      await response.text();
      if (response.ok) return { ok: true };
      const retryAfter = Number(response.headers.get('retry-after'));
      return { ok: false, error: `HTTP ${response.status}`, ...(retryAfter > 0 ? { retryAfterMs: retryAfter * 1000 } : {}) };
    } catch (error) {
      return { ok: false, error: (error as Error).message };
    }
  }
}
