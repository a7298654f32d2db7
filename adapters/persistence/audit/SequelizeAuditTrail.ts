import { inject, injectable } from 'inversify';
import type { AuditEntry, AuditTrail } from '../../../core/shared/AuditTrail.js';
import { Database } from '../Database.js';
import { runStatement } from '../selectRows.js';

const INSERT = 'INSERT INTO audit_log (at, actor, action, target, count, outcome, request_id) VALUES (?, ?, ?, ?, ?, ?, ?)';
/** The column's size: a longer target (a filter) is cut, never refused, so the action itself is not. */
const TARGET_CHARS = 2000;

/** Appends to `audit_log` in the caller's unit of work (its transaction, when there is one). */
@injectable()
export class SequelizeAuditTrail implements AuditTrail {
  constructor(@inject(Database) private readonly database: Database) {}

  async record(entry: AuditEntry): Promise<void> {
    await runStatement(this.database, INSERT, [
      entry.at,
      entry.actor.slice(0, 128),
      entry.action,
      entry.target.slice(0, TARGET_CHARS),
      entry.count,
      entry.outcome,
      entry.requestId.slice(0, 128),
    ]);
  }
}
