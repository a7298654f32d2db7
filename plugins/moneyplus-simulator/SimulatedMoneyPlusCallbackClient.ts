import { timingSafeEqual } from 'node:crypto';
import { inject, injectable } from 'inversify';
import { MONEYPLUS_CALLBACK_TOPIC } from '../../core/kyc-change-notifier/MoneyPlusCallback.js';
import { Clock } from '../../core/shared/Clock.js';
import type { DeliveryResult, OutboxDelivery, OutboxHandler } from '../../core/shared/OutboxHandler.js';
import { ConfiguredMoneyPlusPartners } from '../../adapters/moneyplus/ConfiguredMoneyPlusPartners.js';
import { readCallbackReply, signedCallbackFor, type CallbackRequest } from '../../adapters/moneyplus/moneyPlusCallbackRequest.js';
import { MoneyPlusSettings } from '../../adapters/moneyplus/MoneyPlusSettings.js';
import { signWebhook } from '../../adapters/moneyplus/standardWebhooks.js';

/** uids starting with this prefix get `retcode` 1, so a demo can show retries and FAILED. */
export const SIMULATED_FAILURE_PREFIX = 'MPFAIL';
const KEPT_REQUESTS = 100;

/** What a Money+ receiver answers to a signed callback request: checks the signature first. */
export function simulatedMoneyPlusReply(request: CallbackRequest, secret: string): { status: number; body: string } {
  const id = request.headers['webhook-id']!;
  const timestamp = Number(request.headers['webhook-timestamp']);
  const expected = Buffer.from(signWebhook(secret, id, timestamp, request.body));
  const presented = (request.headers['webhook-signature'] ?? '').split(' ').map((signature) => Buffer.from(signature));
  if (!presented.some((signature) => signature.length === expected.length && timingSafeEqual(signature, expected))) {
    return { status: 401, body: JSON.stringify({ retcode: 401, msg: 'bad signature' }) };
  }
  const { uid } = JSON.parse(request.body) as { uid: string };
  if (uid.startsWith(SIMULATED_FAILURE_PREFIX)) return { status: 200, body: JSON.stringify({ retcode: 1, msg: 'simulated failure' }) };
  return { status: 200, body: JSON.stringify({ retcode: 0, msg: 'success' }) };
}

/**
 * `moneyPlus.adapter: "simulator"`: builds and signs exactly the request the HTTP client
 * would send and answers it in-process, so the service runs offline. Keeps the last
 * requests for demos and tests.
 */
@injectable()
export class SimulatedMoneyPlusCallbackClient implements OutboxHandler {
  readonly topic = MONEYPLUS_CALLBACK_TOPIC;
  readonly maxAttempts: number;
  readonly received: CallbackRequest[] = [];

  constructor(
    @inject(MoneyPlusSettings) settings: MoneyPlusSettings,
    @inject(ConfiguredMoneyPlusPartners) private readonly partners: ConfiguredMoneyPlusPartners,
    @inject(Clock) private readonly clock: Clock,
  ) {
    this.maxAttempts = settings.maxAttempts;
  }

  async deliver(delivery: OutboxDelivery): Promise<DeliveryResult> {
    const signed = signedCallbackFor(delivery, this.partners, this.clock.now());
    if (!signed.ok) return signed;
    const { request, partner } = signed;
    this.received.push(request);
    if (this.received.length > KEPT_REQUESTS) this.received.shift();
    const reply = simulatedMoneyPlusReply(request, partner.secret);
    return readCallbackReply(reply.status, reply.body);
  }
}
