import type { OutboxPayload } from '../../../core/shared/Outbox.js';
import type { ClaimedMessage } from '../../../core/shared/OutboxStore.js';
import { rowDate } from '../sqlDate.js';

/** What a claim hands the worker of each message it won. */
export const CLAIMED_COLUMNS = 'm.seq, m.id, m.topic, m.partition_key, m.payload, m.attempts, m.created_at';

/**
 * Due messages whose lease is free or expired and whose partition has no earlier PENDING
 * message, oldest due first: so a claim takes at most the head of each partition, and a
 * message waiting for its retry holds back the ones behind it. A message stays a head
 * until it leaves PENDING (no earlier message becomes PENDING again, except by an
 * operator's retry of a FAILED one, which reopens its partition in any claim mode), so a
 * head read here is still one when its lease is taken. `topics` is an `inList`; `lock` is
 * appended as is.
 * Parameters: now, ...topics, now, limit.
 */
export const claimableSql = (columns: string, topics: string, lock = '') => `
  SELECT ${columns}
  FROM outbox_messages m
  WHERE m.status = 'PENDING'
    AND m.next_attempt_at <= ?
    AND m.topic IN (${topics})
    AND (m.lease_expires_at IS NULL OR m.lease_expires_at <= ?)
    AND NOT EXISTS (
      SELECT 1 FROM outbox_messages e
      WHERE e.topic = m.topic AND e.partition_key = m.partition_key AND e.status = 'PENDING' AND e.seq < m.seq)
  ORDER BY m.next_attempt_at, m.seq
  LIMIT ?${lock}`;

/** A row of CLAIMED_COLUMNS. */
export interface ClaimRow {
  seq: number | string;
  id: string;
  topic: string;
  partition_key: string;
  payload: string;
  attempts: number;
  created_at: Date | string;
}

/** A won row as the worker takes it: `attempt` is this attempt's number, `leaseOwner` the owner its outcome must show. */
export function claimedMessage(row: ClaimRow, attempt: number, leaseOwner: string): ClaimedMessage {
  return {
    seq: Number(row.seq),
    id: row.id,
    topic: row.topic,
    partitionKey: row.partition_key,
    payload: JSON.parse(row.payload) as OutboxPayload,
    attempt,
    createdAt: rowDate(row.created_at),
    leaseOwner,
  };
}
