import type { OutboxAttemptView, OutboxMessageFilter, OutboxMessageView } from '../../../core/ops-console/ports.js';

/** Demo message ids (config/demo/outbox.json): the documented examples work against the demo data. */
export const DEMO_DELIVERED_MESSAGE_ID = '0192e6a0-0000-7000-8000-000000000001';
export const DEMO_RETRYING_MESSAGE_ID = '0192e6a0-0000-7000-8000-000000000005';

export const isoTime = { type: 'string', format: 'date-time', description: 'ISO-8601 UTC' };
const messageId = { type: 'string', pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$', description: 'The message id (Money+ sees it as webhook-id)' };

export const opsIdSchema = messageId;
export const outboxStatusSchema = { enum: ['PENDING', 'DONE', 'FAILED'] };

/** The filter fields shared by search and retry-failed. */
export const messageFilterProperties = {
  topic: { type: 'string', minLength: 1, maxLength: 64, description: 'e.g. moneyplus.callback' },
  uid: { type: 'string', minLength: 1, maxLength: 128, description: 'The partition key (the wallet uid)' },
  webhookId: messageId,
  from: { ...isoTime, description: 'Created at or after (ISO-8601)' },
  to: { ...isoTime, description: 'Created before (ISO-8601)' },
};

export interface MessageFilterInput {
  readonly topic?: string;
  readonly uid?: string;
  readonly webhookId?: string;
  readonly from?: string;
  readonly to?: string;
}

export function messageFilterOf(input: MessageFilterInput): OutboxMessageFilter {
  return {
    ...(input.topic ? { topic: input.topic } : {}),
    ...(input.uid ? { partitionKey: input.uid } : {}),
    ...(input.webhookId ? { id: input.webhookId } : {}),
    ...(input.from ? { createdFrom: new Date(input.from) } : {}),
    ...(input.to ? { createdTo: new Date(input.to) } : {}),
  };
}

export const messageSummarySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'topic', 'uid', 'status', 'attempts', 'nextAttemptAt', 'lastError', 'createdAt', 'updatedAt'],
  properties: {
    id: messageId,
    topic: { type: 'string' },
    uid: { type: 'string' },
    status: outboxStatusSchema,
    attempts: { type: 'integer', minimum: 0, description: 'Attempts made within the current budget' },
    nextAttemptAt: { type: ['string', 'null'], format: 'date-time', description: 'When a PENDING message is next attempted; null otherwise' },
    lastError: { type: ['string', 'null'] },
    createdAt: isoTime,
    updatedAt: isoTime,
  },
};

export interface MessageSummary {
  id: string;
  topic: string;
  uid: string;
  status: string;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
}

export function messageSummary(message: OutboxMessageView): MessageSummary {
  return {
    id: message.id,
    topic: message.topic,
    uid: message.partitionKey,
    status: message.status,
    attempts: message.attempts,
    nextAttemptAt: message.status === 'PENDING' ? message.nextAttemptAt.toISOString() : null,
    lastError: message.lastError,
    createdAt: message.createdAt.toISOString(),
    updatedAt: message.updatedAt.toISOString(),
  };
}

export const attemptSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['attempt', 'startedAt', 'durationMs', 'httpStatus', 'responseExcerpt', 'error'],
  properties: {
    attempt: { type: 'integer', minimum: 1, description: 'Number within the attempt budget (an operator retry of a FAILED message starts again at 1)' },
    startedAt: isoTime,
    durationMs: { type: 'integer', minimum: 0 },
    httpStatus: { type: ['integer', 'null'], description: 'null when no reply came (timeout, refused connection)' },
    responseExcerpt: { type: ['string', 'null'], description: 'The first 1 KiB of the reply' },
    error: { type: ['string', 'null'], description: 'Why the attempt failed; null when it succeeded' },
  },
};

export function attemptOf(attempt: OutboxAttemptView): object {
  return {
    attempt: attempt.attempt,
    startedAt: attempt.startedAt.toISOString(),
    durationMs: attempt.durationMs,
    httpStatus: attempt.httpStatus,
    responseExcerpt: attempt.responseExcerpt,
    error: attempt.error,
  };
}
