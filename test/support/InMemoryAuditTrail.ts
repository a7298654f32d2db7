import type { AuditEntry, AuditFilter, AuditLogReader, AuditRecord, AuditTrail } from '../../core/shared/AuditTrail.js';
import type { Snapshotting } from './InMemoryUnitOfWork.js';

/** The audit log in memory; a unit of work rolls it back with the change it records. `failNext` makes the next record throw. */
export class InMemoryAuditTrail implements AuditTrail, AuditLogReader, Snapshotting {
  records: AuditRecord[] = [];
  failNext = false;

  async record(entry: AuditEntry): Promise<void> {
    if (this.failNext) {
      this.failNext = false;
      throw new Error('the audit log is not writable');
    }
    this.records.push({ ...entry, id: this.records.length + 1 });
  }

  async search(filter: AuditFilter, page: { limit: number; beforeId?: number }): Promise<AuditRecord[]> {
    return this.records
      .filter((record) => (!filter.actor || record.actor === filter.actor) && (!filter.action || record.action === filter.action))
      .filter((record) => (!filter.from || record.at >= filter.from) && (!filter.to || record.at < filter.to))
      .filter((record) => page.beforeId === undefined || record.id < page.beforeId)
      .reverse()
      .slice(0, page.limit);
  }

  snapshot(): unknown {
    return [...this.records];
  }

  restore(state: unknown): void {
    this.records = state as AuditRecord[];
  }
}
