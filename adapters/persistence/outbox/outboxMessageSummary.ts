import type { OutboxMessageView } from '../../../core/ops-console/ports.js';
import type { OutboxStatus } from '../../../core/shared/OutboxStore.js';
import { optionalRowDate, rowDate } from '../sqlDate.js';

/** What operators see of a message (the console's view, plus its lease for the CLI); the payload stays out unless asked for. */
export interface OutboxMessageSummary extends OutboxMessageView {
  readonly leaseOwner: string | null;
  readonly leaseExpiresAt: Date | null;
  readonly deliveredAt: Date | null;
}

/** The columns of a summary, for a SELECT on outbox_messages. */
export const SUMMARY_COLUMNS =
  'id, topic, partition_key, status, attempts, next_attempt_at, lease_owner, lease_expires_at, last_error, created_at, updated_at, delivered_at';

/** A row of SUMMARY_COLUMNS as a driver-level read returns it (dates: Date on MySQL, text on SQLite). */
export interface SummaryRow {
  id: string;
  topic: string;
  partition_key: string;
  status: OutboxStatus;
  attempts: number | string;
  next_attempt_at: Date | string;
  lease_owner: string | null;
  lease_expires_at: Date | string | null;
  last_error: string | null;
  created_at: Date | string;
  updated_at: Date | string;
  delivered_at: Date | string | null;
}

export function summaryOf(row: SummaryRow): OutboxMessageSummary {
  return {
    id: row.id,
    topic: row.topic,
    partitionKey: row.partition_key,
    status: row.status,
    attempts: Number(row.attempts),
    nextAttemptAt: rowDate(row.next_attempt_at),
    leaseOwner: row.lease_owner,
    leaseExpiresAt: optionalRowDate(row.lease_expires_at),
    lastError: row.last_error,
    createdAt: rowDate(row.created_at),
    updatedAt: rowDate(row.updated_at),
    deliveredAt: optionalRowDate(row.delivered_at),
  };
}
