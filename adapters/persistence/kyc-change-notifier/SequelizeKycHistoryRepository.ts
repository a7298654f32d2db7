import { inject, injectable } from 'inversify';
import type { FieldChange } from '../../../core/kyc-change-notifier/KycProfile.js';
import type { KycEventType, KycHistoryEntry, KycHistoryRepository } from '../../../core/kyc-change-notifier/ports.js';
import { Database } from '../Database.js';
import { runStatement } from '../selectRows.js';
import { defineKycChangeNotifierModels } from './kycChangeNotifierModels.js';
import { kycSql } from './kycSql.js';

@injectable()
export class SequelizeKycHistoryRepository implements KycHistoryRepository {
  private readonly insertSql: string;

  constructor(@inject(Database) private readonly database: Database) {
    this.insertSql = kycSql(database.dialect).insertHistory;
  }

  private get model() {
    return this.database.models(defineKycChangeNotifierModels).KycHistory;
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

  async listFor(uid: string): Promise<KycHistoryEntry[]> {
    const rows = await this.model.findAll({ where: { uid }, order: [['id', 'ASC']], ...this.database.queryOptions() });
    return rows.map((row) => {
      const value = row.get();
      return {
        uid: value.uid,
        eventId: value.event_id,
        eventType: value.event_type as KycEventType,
        outcome: value.outcome as KycHistoryEntry['outcome'],
        changes: JSON.parse(value.changes) as FieldChange[],
        note: value.note,
        occurredAt: Number(value.occurred_at),
        recordedAt: value.recorded_at,
        requestId: value.request_id,
      };
    });
  }
}
