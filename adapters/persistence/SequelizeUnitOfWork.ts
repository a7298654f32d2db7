import { inject, injectable } from 'inversify';
import type { UnitOfWork } from '../../core/shared/UnitOfWork.js';
import { Database } from './Database.js';

const MAX_ATTEMPTS = 3;

function isDeadlock(error: unknown): boolean {
  const parent = (error as { parent?: { code?: string } } | null)?.parent;
  return parent?.code === 'ER_LOCK_DEADLOCK';
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
