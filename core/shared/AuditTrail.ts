/** The state-changing operator actions that are audited (SPEC 2.2.3). */
export const AUDIT_ACTIONS = ['outbox.retry', 'outbox.retry-failed', 'fixtures.replace', 'config.reload'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** One operator action, as it is recorded. */
export interface AuditEntry {
  /** The consumer's name; `cli:<OS user>` from the command line; `signal:SIGHUP` for a reload. */
  readonly actor: string;
  readonly action: AuditAction;
  /** What it applied to: a message id, a filter, a fixture's sections (JSON text, no personal data). */
  readonly target: string;
  /** How many items it changed (0 when it changed nothing). */
  readonly count: number;
  /** The outcome where there are several (a reload: applied, restart_required, refused); null otherwise. */
  readonly outcome: string | null;
  readonly requestId: string;
  readonly at: Date;
}

/**
 * Where operator actions are recorded. `record` joins the caller's unit of work, so the
 * record and the change it describes commit together or not at all.
 */
export interface AuditTrail {
  record(entry: AuditEntry): Promise<void>;
}
export const AuditTrail = Symbol.for('AuditTrail');

/** Which records an operator looks for; absent conditions do not filter. */
export interface AuditFilter {
  readonly actor?: string;
  readonly action?: AuditAction;
  /** At or after. */
  readonly from?: Date;
  /** Before. */
  readonly to?: Date;
}

export interface AuditRecord extends AuditEntry {
  readonly id: number;
}

/** Reads the audit log, newest first, a page at a time (ids before `beforeId` when given). */
export interface AuditLogReader {
  search(filter: AuditFilter, page: { readonly limit: number; readonly beforeId?: number }): Promise<AuditRecord[]>;
}
export const AuditLogReader = Symbol.for('AuditLogReader');
