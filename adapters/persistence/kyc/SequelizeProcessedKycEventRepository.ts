import { inject, injectable } from 'inversify';
import { UniqueConstraintError } from 'sequelize';
import { KycEventAlreadyProcessed } from '../../../core/kyc-change-notifier/errors.js';
import type { KycEventType, ProcessedKycEvent, ProcessedKycEventRepository } from '../../../core/kyc-change-notifier/ports.js';
import { Database } from '../Database.js';
import { defineKycModels } from './kycModels.js';

@injectable()
export class SequelizeProcessedKycEventRepository implements ProcessedKycEventRepository {
  constructor(@inject(Database) private readonly database: Database) {}

  private get model() {
    return this.database.models(defineKycModels).KycProcessedEvent;
  }

  async find(eventId: string): Promise<ProcessedKycEvent | null> {
    const row = await this.model.findByPk(eventId, this.database.queryOptions());
    if (!row) return null;
    const value = row.get();
    return {
      eventId: value.event_id,
      uid: value.uid,
      eventType: value.event_type as KycEventType,
      outcome: value.outcome as ProcessedKycEvent['outcome'],
      processedAt: value.processed_at,
    };
  }

  async record(event: ProcessedKycEvent): Promise<void> {
    try {
      await this.model.create(
        { event_id: event.eventId, uid: event.uid, event_type: event.eventType, outcome: event.outcome, processed_at: event.processedAt },
        this.database.queryOptions(),
      );
    } catch (error) {
      if (error instanceof UniqueConstraintError) throw new KycEventAlreadyProcessed(event.eventId);
      throw error;
    }
  }
}
