import { inject, injectable } from 'inversify';
import { SearchAuditLog } from '../../../core/ops-console/SearchAuditLog.js';
import { AUDIT_ACTIONS, type AuditAction, type AuditRecord } from '../../../core/shared/AuditTrail.js';
import type { JsonEndpoint } from '../JsonEndpoint.js';
import { isoTime } from './opsConsoleSchemas.js';
import { pageOf, searchPageSchema, searchRequestSchema } from './opsSearchPage.js';

interface AuditSearchInput {
  readonly actor?: string;
  readonly action?: AuditAction;
  readonly from?: string;
  readonly to?: string;
  readonly limit?: number;
  readonly cursor?: number;
}

const auditRecordSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'at', 'actor', 'action', 'target', 'count', 'outcome', 'requestId'],
  properties: {
    id: { type: 'integer' },
    at: { type: 'string', format: 'date-time' },
    actor: { type: 'string', description: 'The consumer; cli:<OS user> from the command line; signal:SIGHUP for a reload' },
    action: { enum: [...AUDIT_ACTIONS] },
    target: { type: 'string', description: 'What it applied to, as JSON: a message id, a filter, fixture sections, a reload reason' },
    count: { type: 'integer', minimum: 0, description: 'How many items it changed' },
    outcome: { type: ['string', 'null'], description: 'A reload: applied, restart_required or refused' },
    requestId: { type: 'string' },
  },
};

const recordOf = (record: AuditRecord) => ({ ...record, at: record.at.toISOString() });

/** `POST /ops/api/audit/search` (SPEC 2.2.3): the audit trail by actor, action and time, newest first. */
@injectable()
export class OpsAuditSearchEndpoint implements JsonEndpoint<AuditSearchInput, object> {
  readonly operationId = 'OpsAuditSearch';
  readonly summary = 'Operator actions (retries, batch retries, fixture replacements, reloads): who, what, when, which request; newest first';
  readonly path = '/ops/api/audit/search';
  readonly scope = 'ops:read' as const;
  readonly errorStyle = 'camelCase' as const;
  readonly requestSchema = searchRequestSchema(
    {
      actor: { type: 'string', minLength: 1, maxLength: 128, description: 'Exactly this actor' },
      action: { enum: [...AUDIT_ACTIONS] },
      from: { ...isoTime, description: 'At or after (ISO-8601)' },
      to: { ...isoTime, description: 'Before (ISO-8601)' },
    },
    { type: 'integer', minimum: 1 },
  );
  readonly responseDataSchema = searchPageSchema(auditRecordSchema, 'integer');
  readonly errorCodes = [];
  readonly example: AuditSearchInput = { action: 'outbox.retry-failed', limit: 20 };

  constructor(@inject(SearchAuditLog) private readonly search: SearchAuditLog) {}

  async handle(input: AuditSearchInput): Promise<object> {
    const page = await this.search.execute({
      filter: {
        ...(input.actor ? { actor: input.actor } : {}),
        ...(input.action ? { action: input.action } : {}),
        ...(input.from ? { from: new Date(input.from) } : {}),
        ...(input.to ? { to: new Date(input.to) } : {}),
      },
      ...pageOf(input),
    });
    return { items: page.items.map(recordOf), nextCursor: page.nextCursor };
  }
}
