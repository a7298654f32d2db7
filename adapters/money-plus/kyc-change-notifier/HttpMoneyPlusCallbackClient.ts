import { inject, injectable } from 'inversify';
import { MONEYPLUS_CALLBACK_TOPIC } from '../../../core/kyc-change-notifier/MoneyPlusCallback.js';
import { Clock } from '../../../core/shared/Clock.js';
import type { DeliveryResult, OutboxDelivery, OutboxHandler } from '../../../core/shared/OutboxHandler.js';
import { readCallbackReply, retryAfterMs, signedCallbackFor } from './moneyPlusCallbackRequest.js';
import { MoneyPlusPartnerEndpoints } from './MoneyPlusPartnerEndpoints.js';
import { MoneyPlusSettings } from './MoneyPlusSettings.js';

function networkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string } }).cause;
  if (cause?.code === 'ECONNREFUSED') return 'connection refused';
  return `request failed${cause?.code ? ` (${cause.code})` : ''}`;
}

/**
 * Delivers Money+ callbacks (SPEC 5.2) for the outbox worker: a Standard Webhooks signed
 * POST to the partner's callbackUrl. Never throws for a failed attempt; it says why.
 */
@injectable()
export class HttpMoneyPlusCallbackClient implements OutboxHandler {
  readonly topic = MONEYPLUS_CALLBACK_TOPIC;
  readonly maxAttempts: number;

  constructor(
    @inject(MoneyPlusSettings) private readonly settings: MoneyPlusSettings,
    @inject(MoneyPlusPartnerEndpoints) private readonly partners: MoneyPlusPartnerEndpoints,
    @inject(Clock) private readonly clock: Clock,
  ) {
    this.maxAttempts = settings.maxAttempts;
  }

  async deliver(delivery: OutboxDelivery): Promise<DeliveryResult> {
    const signed = signedCallbackFor(delivery, this.partners, this.clock.now());
    if (!signed.ok) return signed;
    const { request } = signed;
    let response: Response;
    let text: string;
    try {
      // The timeout covers the whole exchange, reply body included.
      response = await fetch(request.url, {
        method: 'POST',
        headers: request.headers,
        body: request.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.settings.timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      if ((error as Error).name === 'TimeoutError') return { ok: false, error: `no reply within ${this.settings.timeoutMs} ms` };
      return { ok: false, error: networkError(error) };
    }
    const reply = readCallbackReply(response.status, text);
    const received = { httpStatus: response.status, body: text };
    if (reply.ok) return { ok: true, reply: received };
    const retryAfter = retryAfterMs(response.headers.get('retry-after'), this.clock.now());
    return retryAfter === undefined
      ? { ok: false, error: reply.error, reply: received }
      : { ok: false, error: reply.error, retryAfterMs: retryAfter, reply: received };
  }
}
