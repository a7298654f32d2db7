import { inject, injectable } from 'inversify';
import type { AuditAction, AuditFilter, AuditLogReader, AuditRecord } from '../../../core/shared/AuditTrail.js';
import { Database } from '../Database.js';
import { selectRows } from '../selectRows.js';
import { rowDate } from '../sqlDate.js';

interface AuditRow {
  id: number;
  at: Date | string;
  actor: string;
  action: string;
  target: string;
  count: number;
  outcome: string | null;
  request_id: string;
}

// One text for every filter: an absent condition is a NULL parameter that matches all.
const SEARCH =
  'SELECT id, at, actor, action, target, count, outcome, request_id FROM audit_log' +
  ' WHERE (? IS NULL OR actor = ?) AND (? IS NULL OR action = ?) AND (? IS NULL OR at >= ?) AND (? IS NULL OR at < ?) AND (? IS NULL OR id < ?)' +
  ' ORDER BY id DESC LIMIT ?';

/** Reads `audit_log` for the console and the CLI, newest first, from a usable read replica when there is one. */
@injectable()
export class SequelizeAuditLogReader implements AuditLogReader {
  constructor(@inject(Database) private readonly database: Database) {}

  async search(filter: AuditFilter, page: { readonly limit: number; readonly beforeId?: number }): Promise<AuditRecord[]> {
    const both = <T>(value: T | undefined) => [value ?? null, value ?? null];
    const rows = await selectRows<AuditRow>(this.database, SEARCH, [
      ...both(filter.actor),
      ...both(filter.action),
      ...both(filter.from),
      ...both(filter.to),
      ...both(page.beforeId),
      page.limit,
    ], { readFrom: 'replica' });
    return rows.map((row) => ({
      id: Number(row.id),
      at: rowDate(row.at),
      actor: row.actor,
      action: row.action as AuditAction,
      target: row.target,
      count: Number(row.count),
      outcome: row.outcome,
      requestId: row.request_id,
    }));
  }
}
