import type { OutboxPayload } from './Outbox.js';

export type OutboxStatus = 'PENDING' | 'DONE' | 'FAILED';

/** A message a worker holds the lease of, for one delivery attempt. */
export interface ClaimedMessage {
  /** Its place in enqueue order; the store finds the message by it when the outcome is recorded. */
  readonly seq: number;
  readonly id: string;
  readonly topic: string;
  readonly partitionKey: string;
  readonly payload: OutboxPayload;
  /** This attempt's number (1 for the first); with the owner, it fences late completions. */
  readonly attempt: number;
  readonly createdAt: Date;
  readonly leaseOwner: string;
}

export interface ClaimRequest {
  readonly owner: string;
  readonly now: Date;
  readonly leaseMs: number;
  /** Only messages of these topics (the ones this process has handlers for). */
  readonly topics: readonly string[];
  readonly limit: number;
}

/** What the attempt log keeps of one delivery attempt (SPEC 7). */
export interface AttemptRecord {
  readonly startedAt: Date;
  readonly durationMs: number;
  readonly succeeded: boolean;
  /** null when no reply came (timeout, refused connection). */
  readonly httpStatus: number | null;
  /** The reply body as received; the log keeps its first 1 KiB. */
  readonly response: string | null;
  readonly error: string | null;
}

/** Messages waiting for an attempt (retries included) and given up; delivered ones are not counted. */
export interface PendingAndFailedCounts {
  readonly pending: number;
  readonly failed: number;
}

/**
 * The stored side of the outbox as its worker sees it (SPEC 7): due messages are claimed
 * under a lease, and an outcome is recorded only while its lease is still held (a method
 * answers false, or leaves the id out, when another worker took the message over). Each
 * recorded outcome logs its attempt (`record`) in the same transaction.
 */
export interface OutboxStore {
  /** Takes the lease of up to `limit` claimable messages (at most the head of each partition) and counts the attempt. */
  claim(request: ClaimRequest): Promise<ClaimedMessage[]>;
  /** Several deliveries at once, with their attempts' records by message id; returns the ids whose outcome was recorded. */
  markManyDone(claims: readonly ClaimedMessage[], now: Date, records?: ReadonlyMap<string, AttemptRecord>): Promise<ReadonlySet<string>>;
  /** A failed attempt that will be tried again at `nextAttemptAt`. */
  reschedule(claim: ClaimedMessage, nextAttemptAt: Date, error: string, now: Date, record?: AttemptRecord): Promise<boolean>;
  /** The last attempt failed: the message ends FAILED. */
  markFailed(claim: ClaimedMessage, error: string, now: Date, record?: AttemptRecord): Promise<boolean>;
  /** For the metrics scrape. */
  countPendingAndFailed(): Promise<PendingAndFailedCounts>;
}
export const OutboxStore = Symbol.for('OutboxStore');
