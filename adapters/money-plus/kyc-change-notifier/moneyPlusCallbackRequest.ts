import type { MoneyPlusCallbackPayload } from '../../../core/kyc-change-notifier/MoneyPlusCallback.js';
import type { OutboxDelivery } from '../../../core/shared/OutboxHandler.js';
import type { MoneyPlusPartnerEndpoints } from './MoneyPlusPartnerEndpoints.js';
import { secretsOf, type MoneyPlusPartnerConfig } from './MoneyPlusSettings.js';
import { signWebhookWithEach } from './standardWebhooks.js';

export interface CallbackRequest {
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** The JSON body of SPEC 5.2, keys in the documented order; `event_id` is the outbox message id. */
export function callbackBody(messageId: string, payload: MoneyPlusCallbackPayload): string {
  return JSON.stringify({ event: payload.event, biz_id: payload.bizId, uid: payload.uid, event_id: messageId, data: payload.data });
}

/**
 * One signed attempt: `webhook-id` is the message id (the same on every retry),
 * `webhook-timestamp` is this attempt's time, and each signature (one per secret) covers both and the body.
 * Also what the least-work bench pipeline sends, so both deliver the same requests.
 */
export function buildCallbackRequest(delivery: OutboxDelivery, partner: MoneyPlusPartnerConfig, timestampSeconds: number): CallbackRequest {
  const body = callbackBody(delivery.id, delivery.payload as MoneyPlusCallbackPayload);
  return {
    url: partner.callbackUrl,
    headers: {
      'content-type': 'application/json',
      'webhook-id': delivery.id,
      'webhook-timestamp': String(timestampSeconds),
      'webhook-signature': signWebhookWithEach(secretsOf(partner), delivery.id, timestampSeconds, body),
    },
    body,
  };
}

export type SignedCallback =
  | { readonly ok: true; readonly request: CallbackRequest; readonly partner: MoneyPlusPartnerConfig }
  | { readonly ok: false; readonly error: string };

/** This attempt's signed request and the partner it goes to, or why there is none (an unknown bizId). */
export function signedCallbackFor(delivery: OutboxDelivery, partners: MoneyPlusPartnerEndpoints, now: Date): SignedCallback {
  const { bizId } = delivery.payload as MoneyPlusCallbackPayload;
  const partner = partners.endpointOf(bizId);
  if (!partner) return { ok: false, error: `no Money+ partner "${bizId}" is configured` };
  return { ok: true, request: buildCallbackRequest(delivery, partner, Math.floor(now.getTime() / 1000)), partner };
}

export type CallbackReply = { readonly ok: true } | { readonly ok: false; readonly error: string };

/** Success is a 2xx carrying JSON `{"retcode": 0}`; anything else is a failed attempt. */
export function readCallbackReply(status: number, text: string): CallbackReply {
  if (status < 200 || status >= 300) return { ok: false, error: `HTTP ${status}` };
  let reply: unknown;
  try {
    reply = JSON.parse(text);
  } catch {
    return { ok: false, error: `HTTP ${status} with a reply that is not JSON` };
  }
  const retcode = (reply as { retcode?: unknown } | null)?.retcode;
  if (retcode === 0) return { ok: true };
  return { ok: false, error: `retcode ${retcode === undefined ? 'missing' : JSON.stringify(retcode).slice(0, 40)}` };
}

/** `Retry-After` as milliseconds: delay-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now: Date): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now.getTime());
}
