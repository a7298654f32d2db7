import { DELIVERY_REPLY_MAX_BYTES } from '../../../core/shared/OutboxHandler.js';
import type { AttemptRecord } from '../../../core/shared/OutboxStore.js';
import type { OutboxAttemptRow } from './outboxModels.js';

export const RESPONSE_EXCERPT_BYTES = DELIVERY_REPLY_MAX_BYTES;
const ERROR_MAX = 1000;

/** The first `RESPONSE_EXCERPT_BYTES` bytes of a reply, never cutting a character in two. */
export function responseExcerpt(text: string): string {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= RESPONSE_EXCERPT_BYTES) return text;
  // A cut inside a multi-byte character decodes to U+FFFD at the end: drop it.
  return bytes.subarray(0, RESPONSE_EXCERPT_BYTES).toString('utf8').replace(/\uFFFD+$/, '');
}

export function attemptRow(messageId: string, attempt: number, record: AttemptRecord): Omit<OutboxAttemptRow, 'seq'> {
  return {
    message_id: messageId,
    attempt,
    started_at: record.startedAt,
    duration_ms: Math.max(0, Math.round(record.durationMs)),
    succeeded: record.succeeded,
    http_status: record.httpStatus,
    response_excerpt: record.response === null ? null : responseExcerpt(record.response),
    error: record.error === null ? null : record.error.slice(0, ERROR_MAX),
  };
}
