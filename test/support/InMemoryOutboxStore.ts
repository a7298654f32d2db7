import type { NewOutboxMessage } from '../../core/shared/Outbox.js';
import type { AttemptRecord, ClaimedMessage, ClaimRequest, OutboxStatus, OutboxStore, PendingAndFailedCounts } from '../../core/shared/OutboxStore.js';

/** One message as the in-memory table keeps it. */
export interface InMemoryOutboxRow {
  readonly seq: number;
  readonly id: string;
  readonly message: NewOutboxMessage;
  readonly createdAt: Date;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: Date;
  leaseOwner: string | null;
  leaseExpiresAt: Date | null;
  lastError: string | null;
  deliveredAt: Date | null;
}

/** An attempt the store logged with a recorded outcome. */
export interface LoggedAttempt extends AttemptRecord {
  readonly messageId: string;
  readonly attempt: number;
}

/**
 * The worker's OutboxStore in memory, with the rules the SQL keeps (the database tests prove
 * those): a claim takes due, unleased heads of their partitions, counts the attempt and
 * takes a lease; an outcome is recorded only by the lease holder's own attempt. Writes of
 * DONE can be held (`holdDoneWrites`) to see what arrives meanwhile.
 */
export class InMemoryOutboxStore implements OutboxStore {
  readonly rows: InMemoryOutboxRow[] = [];
  readonly attemptLog: LoggedAttempt[] = [];
  /** The claims of each `markManyDone` call, in call order. */
  readonly doneWrites: string[][] = [];
  private hold: { readonly released: Promise<void>; readonly reached: () => void } | undefined;

  /** A PENDING message due at `at`; returns its id. */
  add(message: NewOutboxMessage, at: Date, id = `m${this.rows.length + 1}`): string {
    this.rows.push({
      seq: this.rows.length + 1,
      id,
      message,
      createdAt: at,
      status: 'PENDING',
      attempts: 0,
      nextAttemptAt: at,
      leaseOwner: null,
      leaseExpiresAt: null,
      lastError: null,
      deliveredAt: null,
    });
    return id;
  }

  row(id: string): InMemoryOutboxRow {
    const row = this.rows.find((candidate) => candidate.id === id);
    if (!row) throw new Error(`no outbox message ${id}`);
    return row;
  }

  /** DONE writes wait until `release`; `held` settles when one is waiting. */
  holdDoneWrites(): { readonly held: Promise<void>; release(): void } {
    let release!: () => void;
    let reached!: () => void;
    const held = new Promise<void>((resolve) => (reached = resolve));
    this.hold = { released: new Promise<void>((resolve) => (release = resolve)), reached };
    return {
      held,
      release: () => {
        this.hold = undefined;
        release();
      },
    };
  }

  async claim(request: ClaimRequest): Promise<ClaimedMessage[]> {
    const now = request.now.getTime();
    const headOfPartition = (row: InMemoryOutboxRow) =>
      !this.rows.some((other) => other.status === 'PENDING' && other.message.topic === row.message.topic && other.message.partitionKey === row.message.partitionKey && other.seq < row.seq);
    const claimable = this.rows
      .filter((row) => row.status === 'PENDING' && row.nextAttemptAt.getTime() <= now && request.topics.includes(row.message.topic))
      .filter((row) => row.leaseExpiresAt === null || row.leaseExpiresAt.getTime() <= now)
      .filter(headOfPartition)
      .sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime() || a.seq - b.seq)
      .slice(0, Math.max(0, request.limit));
    return claimable.map((row) => {
      row.attempts += 1;
      row.leaseOwner = request.owner;
      row.leaseExpiresAt = new Date(now + request.leaseMs);
      return {
        seq: row.seq,
        id: row.id,
        topic: row.message.topic,
        partitionKey: row.message.partitionKey,
        payload: row.message.payload,
        attempt: row.attempts,
        createdAt: row.createdAt,
        leaseOwner: request.owner,
      };
    });
  }

  async markManyDone(claims: readonly ClaimedMessage[], now: Date, records?: ReadonlyMap<string, AttemptRecord>): Promise<ReadonlySet<string>> {
    this.doneWrites.push(claims.map((claim) => claim.id));
    if (this.hold) {
      this.hold.reached();
      await this.hold.released;
    }
    const kept = new Set<string>();
    for (const claim of claims) {
      if (this.finish(claim, records?.get(claim.id), (row) => Object.assign(row, { status: 'DONE', deliveredAt: now }))) kept.add(claim.id);
    }
    return kept;
  }

  async reschedule(claim: ClaimedMessage, nextAttemptAt: Date, error: string, _now: Date, record?: AttemptRecord): Promise<boolean> {
    return this.finish(claim, record, (row) => Object.assign(row, { nextAttemptAt, lastError: error }));
  }

  async markFailed(claim: ClaimedMessage, error: string, _now: Date, record?: AttemptRecord): Promise<boolean> {
    return this.finish(claim, record, (row) => Object.assign(row, { status: 'FAILED', lastError: error }));
  }

  async countPendingAndFailed(): Promise<PendingAndFailedCounts> {
    return { pending: this.rows.filter((row) => row.status === 'PENDING').length, failed: this.rows.filter((row) => row.status === 'FAILED').length };
  }

  /** Only the lease holder's own attempt of a PENDING message records its outcome (and logs the attempt). */
  private finish(claim: ClaimedMessage, record: AttemptRecord | undefined, change: (row: InMemoryOutboxRow) => void): boolean {
    const row = this.rows.find((candidate) => candidate.seq === claim.seq);
    if (!row || row.status !== 'PENDING' || row.leaseOwner !== claim.leaseOwner || row.attempts !== claim.attempt) return false;
    change(row);
    row.leaseOwner = null;
    row.leaseExpiresAt = null;
    if (record) this.attemptLog.push({ ...record, messageId: claim.id, attempt: claim.attempt });
    return true;
  }
}
