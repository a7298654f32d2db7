import { inject, injectable } from 'inversify';
import { MONEYPLUS_CALLBACK_TOPIC } from '../../../core/kyc-change-notifier/MoneyPlusCallback.js';
import { Clock } from '../../../core/shared/Clock.js';
import { DELIVERY_REPLY_MAX_BYTES, type DeliveryResult, type OutboxDelivery, type OutboxHandler } from '../../../core/shared/OutboxHandler.js';
import { maskPiiText } from '../../logging/maskPiiText.js';
import { readCallbackReply, retryAfterMs, signedCallbackFor } from './moneyPlusCallbackRequest.js';
import { MoneyPlusPartnerEndpoints } from './MoneyPlusPartnerEndpoints.js';
import { MoneyPlusSettings } from './MoneyPlusSettings.js';
import { readReplyExcerpt, type ReplyExcerpt } from './readReplyExcerpt.js';

function networkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string } }).cause;
  if (cause?.code === 'ECONNREFUSED') return 'connection refused';
  return `request failed${cause?.code ? ` (${cause.code})` : ''}`;
}

/**
 * Delivers Money+ callbacks (SPEC 5.2) for the outbox worker: a Standard Webhooks signed
 * POST to the partner's callbackUrl. Never throws for a failed attempt; it says why. Reads at
 * most the 1 KiB of a reply the attempt log keeps, and masks personal data in it and in the
 * error before handing them on (SPEC 8.1: the attempt log never holds them in clear).
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
    let excerpt: ReplyExcerpt;
    try {
      // The timeout covers the whole exchange, reply body included.
      response = await fetch(request.url, {
        method: 'POST',
        headers: request.headers,
        body: request.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.settings.timeoutMs),
      });
      excerpt = await readReplyExcerpt(response.body, DELIVERY_REPLY_MAX_BYTES);
    } catch (error) {
      if ((error as Error).name === 'TimeoutError') return { ok: false, error: `no reply within ${this.settings.timeoutMs} ms` };
      return { ok: false, error: networkError(error) };
    }
    // `{"retcode": 0}` is far shorter than the excerpt: a 2xx reply cut at 1 KiB is not one.
    const reply =
      excerpt.truncated && response.ok
        ? { ok: false as const, error: `HTTP ${response.status} with a reply over ${DELIVERY_REPLY_MAX_BYTES} bytes` }
        : readCallbackReply(response.status, excerpt.text);
    const received = { httpStatus: response.status, body: maskPiiText(excerpt.text) };
    if (reply.ok) return { ok: true, reply: received };
    const error = maskPiiText(reply.error);
    const retryAfter = retryAfterMs(response.headers.get('retry-after'), this.clock.now());
    return retryAfter === undefined ? { ok: false, error, reply: received } : { ok: false, error, retryAfterMs: retryAfter, reply: received };
  }
}
