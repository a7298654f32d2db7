import type { OutboxPayload } from './Outbox.js';

export interface OutboxDelivery {
  readonly id: string;
  readonly topic: string;
  readonly partitionKey: string;
  readonly payload: OutboxPayload;
  /** 1 for the first attempt. */
  readonly attempt: number;
}

/** The attempt log keeps this much of a reply; a handler need read no more. */
export const DELIVERY_REPLY_MAX_BYTES = 1024;

/** What the receiver answered, for the attempt log; absent when no reply came. */
export interface DeliveryReply {
  readonly httpStatus: number;
  /** At most DELIVERY_REPLY_MAX_BYTES of it, personal data masked by the handler. */
  readonly body: string;
}

export type DeliveryResult =
  | { readonly ok: true; readonly reply?: DeliveryReply }
  | {
      readonly ok: false;
      readonly error: string;
      /** The receiver's Retry-After, if it sent one. */ readonly retryAfterMs?: number;
      readonly reply?: DeliveryReply;
    };

/** Delivers the messages of one topic; the outbox worker retries what is not ok. */
export interface OutboxHandler {
  readonly topic: string;
  /** After this many failed attempts the message ends FAILED. */
  readonly maxAttempts: number;
  deliver(delivery: OutboxDelivery): Promise<DeliveryResult>;
}
export const OutboxHandler = Symbol.for('OutboxHandler');
