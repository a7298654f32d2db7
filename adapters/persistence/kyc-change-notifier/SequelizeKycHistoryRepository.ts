import { inject, injectable } from 'inversify';
import type { FieldChange } from '../../../core/kyc-change-notifier/KycProfile.js';
import type { KycEventType, KycHistoryEntry, KycHistoryRepository } from '../../../core/kyc-change-notifier/ports.js';
import { Database } from '../Database.js';
import { runStatement, selectRows } from '../selectRows.js';
import { rowDate } from '../sqlDate.js';
import type { KycHistoryRow } from './kycChangeNotifierModels.js';
import { kycSql } from './kycSql.js';

const LIST_SQL =
  'SELECT uid, event_id, event_type, outcome, changes, note, occurred_at, request_id, recorded_at FROM kyc_profile_history WHERE uid = ? ORDER BY id';

@injectable()
export class SequelizeKycHistoryRepository implements KycHistoryRepository {
  private readonly insertSql: string;

  constructor(@inject(Database) private readonly database: Database) {
    this.insertSql = kycSql(database.dialect).insertHistory;
  }

  /** On the driver: KycChanged's write path is hot (see `selectRows`). */
  async record(entry: KycHistoryEntry): Promise<void> {
    await runStatement(this.database, this.insertSql, [
      entry.uid,
      entry.eventId,
      entry.eventType,
      entry.outcome,
      JSON.stringify(entry.changes),
      entry.note?.slice(0, 500) ?? null,
      entry.occurredAt,
      entry.requestId,
      entry.recordedAt,
    ]);
  }

  /** On the driver and, outside a unit of work (the console's KYC view), on a read replica when one is usable. */
  async listFor(uid: string): Promise<KycHistoryEntry[]> {
    const rows = await selectRows<Omit<KycHistoryRow, 'id' | 'recorded_at'> & { recorded_at: Date | string }>(this.database, LIST_SQL, [uid], { readFrom: 'replica' });
    return rows.map((row) => ({
      uid: row.uid,
      eventId: row.event_id,
      eventType: row.event_type as KycEventType,
      outcome: row.outcome as KycHistoryEntry['outcome'],
      changes: JSON.parse(row.changes) as FieldChange[],
      note: row.note,
      occurredAt: Number(row.occurred_at),
      recordedAt: rowDate(row.recorded_at),
      requestId: row.request_id,
    }));
  }
}
