import { timingSafeEqual } from 'node:crypto';
import { inject, injectable } from 'inversify';
import { MONEYPLUS_CALLBACK_TOPIC } from '../../core/kyc-change-notifier/MoneyPlusCallback.js';
import { Clock } from '../../core/shared/Clock.js';
import type { DeliveryResult, OutboxDelivery, OutboxHandler } from '../../core/shared/OutboxHandler.js';
import { readCallbackReply, signedCallbackFor, type CallbackRequest } from '../../adapters/money-plus/kyc-change-notifier/moneyPlusCallbackRequest.js';
import { MoneyPlusPartnerEndpoints } from '../../adapters/money-plus/kyc-change-notifier/MoneyPlusPartnerEndpoints.js';
import { MoneyPlusSettings, secretsOf } from '../../adapters/money-plus/kyc-change-notifier/MoneyPlusSettings.js';
import { signWebhook } from '../../adapters/money-plus/kyc-change-notifier/standardWebhooks.js';

/**
 * uids starting with this prefix get `retcode` 1 on every automatic attempt (the first
 * `moneyPlus.maxAttempts` of a message), so a demo shows retries ending FAILED; the attempt
 * after those (an operator's retry) is accepted, so the demo can show a retry delivering.
 */
export const SIMULATED_FAILURE_PREFIX = 'MPFAIL';
/** uids starting with this prefix get 503 with `Retry-After`, so a demo shows a message waiting to retry. */
export const SIMULATED_BUSY_PREFIX = 'MPBUSY';
export const SIMULATED_BUSY_RETRY_AFTER_SECONDS = 300;
const KEPT_REQUESTS = 100;
/** Refusals remembered per message id (bounded: the oldest are forgotten). */
const KEPT_REFUSALS = 1000;

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
  if (uid.startsWith(SIMULATED_BUSY_PREFIX)) return { status: 503, body: JSON.stringify({ retcode: 503, msg: 'simulated busy' }) };
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
  /** How many times each MPFAIL message was refused. */
  private readonly refusals = new Map<string, number>();

  constructor(
    @inject(MoneyPlusSettings) settings: MoneyPlusSettings,
    @inject(MoneyPlusPartnerEndpoints) private readonly partners: MoneyPlusPartnerEndpoints,
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
    // The simulated receiver holds the newest secret only, as a partner that already switched.
    let reply = simulatedMoneyPlusReply(request, secretsOf(partner)[0]!);
    const { uid } = JSON.parse(request.body) as { uid: string };
    if (this.acceptsAfterRefusals(delivery.id, uid, reply.status)) reply = { status: 200, body: JSON.stringify({ retcode: 0, msg: 'success' }) };
    const received = { httpStatus: reply.status, body: reply.body };
    const read = readCallbackReply(reply.status, reply.body);
    if (read.ok) return { ok: true, reply: received };
    if (reply.status === 503) return { ok: false, error: read.error, retryAfterMs: SIMULATED_BUSY_RETRY_AFTER_SECONDS * 1000, reply: received };
    return { ok: false, error: read.error, reply: received };
  }

  /** An MPFAIL message is refused `maxAttempts` times (every automatic attempt), then accepted. */
  private acceptsAfterRefusals(messageId: string, uid: string, status: number): boolean {
    if (status !== 200 || !uid.startsWith(SIMULATED_FAILURE_PREFIX)) return false;
    const refused = this.refusals.get(messageId) ?? 0;
    if (refused >= this.maxAttempts) return true;
    this.refusals.delete(messageId);
    this.refusals.set(messageId, refused + 1);
    if (this.refusals.size > KEPT_REFUSALS) this.refusals.delete(this.refusals.keys().next().value!);
    return false;
  }
}
