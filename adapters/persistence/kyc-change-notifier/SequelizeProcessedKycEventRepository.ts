import { inject, injectable } from 'inversify';
import { KycEventAlreadyProcessed } from '../../../core/kyc-change-notifier/errors.js';
import type { KycEventType, ProcessedKycEvent, ProcessedKycEventRepository } from '../../../core/kyc-change-notifier/ports.js';
import { Database } from '../Database.js';
import { runStatement, selectRows } from '../selectRows.js';
import { rowDate } from '../sqlDate.js';
import type { KycProcessedEventRow } from './kycChangeNotifierModels.js';
import { isDuplicateKey, kycSql, type KycSql } from './kycSql.js';

/** The processed eventIds, on the driver (KycChanged's write path is hot; see `selectRows`). */
@injectable()
export class SequelizeProcessedKycEventRepository implements ProcessedKycEventRepository {
  private readonly sql: KycSql;

  constructor(@inject(Database) private readonly database: Database) {
    this.sql = kycSql(database.dialect);
  }

  async find(eventId: string): Promise<ProcessedKycEvent | null> {
    // SQLite hands the time back as the text Sequelize wrote.
    const [row] = await selectRows<Omit<KycProcessedEventRow, 'processed_at'> & { processed_at: Date | string }>(
      this.database,
      this.sql.findProcessedEvent,
      [eventId],
    );
    if (!row) return null;
    return {
      eventId: row.event_id,
      uid: row.uid,
      eventType: row.event_type as KycEventType,
      outcome: row.outcome as ProcessedKycEvent['outcome'],
      processedAt: rowDate(row.processed_at),
    };
  }

  async record(event: ProcessedKycEvent): Promise<void> {
    try {
      await runStatement(this.database, this.sql.insertProcessedEvent, [event.eventId, event.uid, event.eventType, event.outcome, event.processedAt]);
    } catch (error) {
      if (isDuplicateKey(error)) throw new KycEventAlreadyProcessed(event.eventId);
      throw error;
    }
  }
}
