import { inject, injectable } from 'inversify';
import type { UnitOfWork } from '../../core/shared/UnitOfWork.js';
import { Database } from './Database.js';

const MAX_ATTEMPTS = 3;

/** A deadlock victim, as Sequelize wraps it (`parent`) or as the driver raises it (hot paths run on the driver). */
function isDeadlock(error: unknown): boolean {
  const { code, parent } = (error ?? {}) as { code?: string; parent?: { code?: string } };
  return code === 'ER_LOCK_DEADLOCK' || parent?.code === 'ER_LOCK_DEADLOCK';
}

/**
 * A unit of work is one database transaction. Sequelize retries single queries only,
 * so a deadlock victim is retried here as a whole transaction.
 */
@injectable()
export class SequelizeUnitOfWork implements UnitOfWork {
  constructor(@inject(Database) private readonly database: Database) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.database.inTransaction(work);
      } catch (error) {
        if (!isDeadlock(error) || attempt >= MAX_ATTEMPTS || this.database.currentTransaction()) throw error;
      }
    }
  }
}
