import { inject, injectable } from 'inversify';
import type { AttemptRecord, ClaimedMessage, ClaimRequest, OutboxStore, PendingAndFailedCounts } from '../../../core/shared/OutboxStore.js';
import { Logger } from '../../logging/Logger.js';
import { Database } from '../Database.js';
import { runStatement, selectRows, type SqlParameter } from '../selectRows.js';
import { inList, powerOfTwoRuns } from '../sqlList.js';
import { attemptRow } from './attemptRow.js';
import { LeaseUpdateOutboxClaim } from './LeaseUpdateOutboxClaim.js';
import { LockingOutboxClaim } from './LockingOutboxClaim.js';
import { chooseOutboxClaimMode, OutboxClaimSettingToken, type OutboxClaimMode, type OutboxClaimSetting } from './OutboxClaimMode.js';

const LAST_ERROR_MAX = 1000;

/** The lease holder's own attempt, by primary key: only it may record the outcome. */
const HELD = "seq = ? AND status = 'PENDING' AND lease_owner = ? AND attempts = ?";
const OUTCOME_SQL = {
  done: `UPDATE outbox_messages SET status = 'DONE', delivered_at = ?, updated_at = ?, lease_owner = NULL, lease_expires_at = NULL WHERE ${HELD}`,
  reschedule: `UPDATE outbox_messages SET next_attempt_at = ?, last_error = ?, updated_at = ?, lease_owner = NULL, lease_expires_at = NULL WHERE ${HELD}`,
  failed: `UPDATE outbox_messages SET status = 'FAILED', last_error = ?, updated_at = ?, lease_owner = NULL, lease_expires_at = NULL WHERE ${HELD}`,
} as const;

/**
 * Several claims DONE by primary key only, so the statement locks just these rows (a lease
 * owner is cleared whenever a message leaves PENDING, so no status test is needed). Both
 * lists are padded to the same length (`inList`); a repeated condition changes nothing.
 */
const manyDoneSql = (seqs: string, held: number) =>
  `UPDATE outbox_messages SET status = 'DONE', delivered_at = ?, updated_at = ?, lease_owner = NULL, lease_expires_at = NULL
   WHERE seq IN (${seqs}) AND (${Array.from({ length: held }, () => '(seq = ? AND lease_owner = ? AND attempts = ?)').join(' OR ')})`;

const deliveredAtSql = (seqs: string) => `SELECT id FROM outbox_messages WHERE seq IN (${seqs}) AND status = 'DONE' AND delivered_at = ?`;

const ATTEMPT_COLUMNS = '(message_id, attempt, started_at, duration_ms, succeeded, http_status, response_excerpt, error)';
const insertAttemptsSql = (rows: number) =>
  `INSERT INTO outbox_attempts ${ATTEMPT_COLUMNS} VALUES ${Array.from({ length: rows }, () => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`;

const COUNT_PENDING_AND_FAILED_SQL = "SELECT status, COUNT(*) AS n FROM outbox_messages WHERE status IN ('PENDING', 'FAILED') GROUP BY status";

/** An outcome's attempt number and what its log keeps, for one message. */
interface AttemptLogEntry {
  readonly id: string;
  readonly attempt: number;
  readonly record: AttemptRecord | undefined;
}

/** The outbox table as its worker sees it (OutboxStore): claims under a lease, outcomes recorded while the lease holds. */
@injectable()
export class SequelizeOutboxStore implements OutboxStore {
  private readonly lockingClaim: LockingOutboxClaim;
  private readonly leaseUpdateClaim: LeaseUpdateOutboxClaim;
  private choice: Promise<{ mode: OutboxClaimMode }> | undefined;

  constructor(
    @inject(Database) private readonly database: Database,
    @inject(OutboxClaimSettingToken) private readonly claimSetting: OutboxClaimSetting,
    @inject(Logger) private readonly logger: Logger,
  ) {
    this.lockingClaim = new LockingOutboxClaim(database);
    this.leaseUpdateClaim = new LeaseUpdateOutboxClaim(database);
  }

  /** Logs attempts in the current transaction (the one recording their outcome). */
  private async logAttempts(entries: readonly AttemptLogEntry[]): Promise<void> {
    const rows = entries.flatMap((entry) => (entry.record ? [attemptRow(entry.id, entry.attempt, entry.record)] : []));
    for (const run of powerOfTwoRuns(rows)) {
      const values = run.flatMap((row) => [row.message_id, row.attempt, row.started_at, row.duration_ms, row.succeeded, row.http_status, row.response_excerpt, row.error]);
      await runStatement(this.database, insertAttemptsSql(run.length), values);
    }
  }

  /** Takes the lease of up to `limit` claimable messages, the way `outbox.claim` chose (decided at the first claim, logged). */
  async claim(request: ClaimRequest): Promise<ClaimedMessage[]> {
    if (request.topics.length === 0 || request.limit <= 0) return [];
    return (await this.chosenClaim()).claim(request);
  }

  /** What claims do on this database (`auto` resolved). */
  async claimMode(): Promise<OutboxClaimMode> {
    return (await this.chooseOnce()).mode;
  }

  private async chosenClaim(): Promise<Pick<OutboxStore, 'claim'>> {
    return (await this.chooseOnce()).mode === 'lease-update' ? this.leaseUpdateClaim : this.lockingClaim;
  }

  /** Once per process; a failed attempt (database down) is tried again at the next claim. */
  private chooseOnce(): Promise<{ mode: OutboxClaimMode }> {
    this.choice ??= chooseOutboxClaimMode(this.database, this.claimSetting).then(
      (choice) => {
        this.logger.info({ setting: this.claimSetting, mode: choice.mode, ...(choice.server ? { server: choice.server } : {}) }, 'outbox claim mode chosen');
        return choice;
      },
      (error: unknown) => {
        this.choice = undefined;
        throw error;
      },
    );
    return this.choice;
  }

  /**
   * Only the current lease holder may record the outcome; false when the lease was lost.
   * The attempt is logged in the same transaction, and only when the outcome is recorded.
   */
  private async finish(claim: ClaimedMessage, sql: string, values: readonly SqlParameter[], record: AttemptRecord | undefined): Promise<boolean> {
    return this.database.inTransaction(async () => {
      const { affectedRows } = await runStatement(this.database, sql, [...values, claim.seq, claim.leaseOwner, claim.attempt]);
      if (affectedRows === 1) await this.logAttempts([{ id: claim.id, attempt: claim.attempt, record }]);
      return affectedRows === 1;
    });
  }

  /**
   * Several deliveries in one statement (one commit instead of one each). Returns the ids
   * whose outcome was recorded; the others' leases were lost. `records` (by message id)
   * are logged for the recorded ones, in the same transaction.
   */
  async markManyDone(claims: readonly ClaimedMessage[], now: Date, records?: ReadonlyMap<string, AttemptRecord>): Promise<Set<string>> {
    if (claims.length === 0) return new Set();
    const [only] = claims;
    if (claims.length === 1) return new Set((await this.finish(only!, OUTCOME_SQL.done, [now, now], records?.get(only!.id))) ? [only!.id] : []);
    return this.database.inTransaction(async () => {
      const seqs = inList(claims.map((claim) => claim.seq));
      const held = inList(claims).values.flatMap((claim) => [claim.seq, claim.leaseOwner, claim.attempt]);
      const { affectedRows } = await runStatement(this.database, manyDoneSql(seqs.placeholders, seqs.values.length), [now, now, ...seqs.values, ...held]);
      let kept: Set<string>;
      if (affectedRows === claims.length) kept = new Set(claims.map((claim) => claim.id));
      else {
        // Rare: some lease was lost. Ours are the rows now DONE at exactly this time.
        const rows = await selectRows<{ id: string }>(this.database, deliveredAtSql(seqs.placeholders), [...seqs.values, now]);
        kept = new Set(rows.map((row) => row.id));
      }
      await this.logAttempts(
        claims.filter((claim) => kept.has(claim.id)).map((claim) => ({ id: claim.id, attempt: claim.attempt, record: records?.get(claim.id) })),
      );
      return kept;
    });
  }

  reschedule(claim: ClaimedMessage, nextAttemptAt: Date, error: string, now: Date, record?: AttemptRecord): Promise<boolean> {
    return this.finish(claim, OUTCOME_SQL.reschedule, [nextAttemptAt, error.slice(0, LAST_ERROR_MAX), now], record);
  }

  markFailed(claim: ClaimedMessage, error: string, now: Date, record?: AttemptRecord): Promise<boolean> {
    return this.finish(claim, OUTCOME_SQL.failed, [error.slice(0, LAST_ERROR_MAX), now], record);
  }

  /** One cheap grouped COUNT (DONE rows, the bulk of the table, are not counted). */
  async countPendingAndFailed(): Promise<PendingAndFailedCounts> {
    const rows = await selectRows<{ status: 'PENDING' | 'FAILED'; n: number | string }>(this.database, COUNT_PENDING_AND_FAILED_SQL, []);
    const count = (status: 'PENDING' | 'FAILED') => Number(rows.find((row) => row.status === status)?.n ?? 0);
    return { pending: count('PENDING'), failed: count('FAILED') };
  }
}
