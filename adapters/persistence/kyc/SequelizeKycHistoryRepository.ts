import { inject, injectable } from 'inversify';
import type { FieldChange } from '../../../core/kyc-change-notifier/KycProfile.js';
import type { KycEventType, KycHistoryEntry, KycHistoryRepository } from '../../../core/kyc-change-notifier/ports.js';
import { Database } from '../Database.js';
import { defineKycModels } from './kycModels.js';

@injectable()
export class SequelizeKycHistoryRepository implements KycHistoryRepository {
  constructor(@inject(Database) private readonly database: Database) {}

  private get model() {
    return this.database.models(defineKycModels).KycHistory;
  }

  async record(entry: KycHistoryEntry): Promise<void> {
    await this.model.create(
      {
        uid: entry.uid,
        event_id: entry.eventId,
        event_type: entry.eventType,
        outcome: entry.outcome,
        changes: JSON.stringify(entry.changes),
        note: entry.note?.slice(0, 500) ?? null,
        occurred_at: entry.occurredAt,
        request_id: entry.requestId,
        recorded_at: entry.recordedAt,
      },
      this.database.queryOptions(),
    );
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
