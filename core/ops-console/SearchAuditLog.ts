import { inject, injectable } from 'inversify';
import { AuditLogReader, type AuditFilter, type AuditRecord } from '../shared/AuditTrail.js';

export interface AuditPage {
  readonly items: AuditRecord[];
  /** Pass back as `cursor` for the next (older) page; null on the last page. */
  readonly nextCursor: number | null;
}

/** The console's Audit view: who did what and when, newest first, a page at a time. */
@injectable()
export class SearchAuditLog {
  constructor(@inject(AuditLogReader) private readonly reader: AuditLogReader) {}

  async execute(query: { readonly filter: AuditFilter; readonly limit: number; readonly cursor?: number }): Promise<AuditPage> {
    // One more than asked tells whether another page exists.
    const found = await this.reader.search(query.filter, { limit: query.limit + 1, ...(query.cursor === undefined ? {} : { beforeId: query.cursor }) });
    const items = found.slice(0, query.limit);
    return { items, nextCursor: found.length > query.limit ? items[items.length - 1]!.id : null };
  }
}
