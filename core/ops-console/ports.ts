import type { OutboxPayload } from '../shared/Outbox.js';
import type { OutboxStatus } from '../shared/OutboxStore.js';

/** Which messages an operator means; absent conditions do not filter. */
export interface OutboxMessageFilter {
  readonly status?: OutboxStatus;
  readonly topic?: string;
  /** The partition key (for Money+ callbacks, the uid). */
  readonly partitionKey?: string;
  /** The message id (Money+ sees it as `webhook-id`). */
  readonly id?: string;
  /** Created at or after. */
  readonly createdFrom?: Date;
  /** Created before. */
  readonly createdTo?: Date;
}

export interface OutboxMessageView {
  readonly id: string;
  readonly topic: string;
  readonly partitionKey: string;
  readonly status: OutboxStatus;
  readonly attempts: number;
  readonly nextAttemptAt: Date;
  readonly lastError: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface OutboxMessageWithPayload extends OutboxMessageView {
  readonly payload: OutboxPayload;
}

/** One row of the attempt log. */
export interface OutboxAttemptView {
  readonly attempt: number;
  readonly startedAt: Date;
  readonly durationMs: number;
  readonly succeeded: boolean;
  readonly httpStatus: number | null;
  readonly responseExcerpt: string | null;
  readonly error: string | null;
}

export interface OutboxStatusCount {
  readonly status: OutboxStatus;
  readonly topic: string;
  readonly count: number;
}

/** Attempts that started in one minute, by outcome. */
export interface AttemptMinute {
  readonly minute: Date;
  readonly succeeded: number;
  readonly failed: number;
}

/** What the operations console reads and changes in the outbox (SPEC 8.1). */
export interface OutboxConsoleStore {
  countsByStatusAndTopic(): Promise<OutboxStatusCount[]>;
  oldestPendingCreatedAt(): Promise<Date | null>;
  /** Minutes with at least one attempt since `since`, oldest first. */
  attemptsPerMinute(since: Date): Promise<AttemptMinute[]>;
  /** Newest first (by creation time, then id), only messages after the one `beforeId` names when given. */
  search(filter: OutboxMessageFilter, page: { readonly limit: number; readonly beforeId?: string }): Promise<OutboxMessageView[]>;
  find(id: string): Promise<OutboxMessageWithPayload | null>;
  /** Oldest first. */
  attemptsOf(id: string): Promise<OutboxAttemptView[]>;
  /** A FAILED or PENDING message becomes due now; returns how many rows changed (0 or 1). */
  makeDue(id: string, now: Date): Promise<number>;
  /** FAILED messages matching the filter (its status is ignored). */
  countFailed(filter: OutboxMessageFilter): Promise<number>;
  /** Makes the FAILED messages matching the filter due now with a fresh attempt budget; returns how many. */
  retryFailed(filter: OutboxMessageFilter, now: Date): Promise<number>;
}
export const OutboxConsoleStore = Symbol.for('OutboxConsoleStore');

/** Masks personal data the way the logs do, so the console never shows it in clear. */
export interface PersonalDataMasker {
  /** A copy with every personal value masked, by key name at any depth. */
  mask<T>(value: T): T;
  /** Free text from a partner (a reply, an error), its personal values masked. */
  maskText(text: string | null): string | null;
  /** A value of the named field, masked when the field holds personal data. */
  maskField(field: string, value: unknown): unknown;
}
export const PersonalDataMasker = Symbol.for('PersonalDataMasker');

export interface EddaStatusChangeView {
  readonly from: string | null;
  readonly to: string;
  readonly changedAt: Date;
}

export interface EddaCheckView {
  readonly status: string;
  readonly history: readonly EddaStatusChangeView[];
}

export interface UpgradeReviewView {
  readonly isPass: boolean;
  /** APPLIED, or the DA21 failure code of a failed attempt. */
  readonly outcome: string;
  readonly esbTransactionId: string | null;
  readonly requestId: string;
  readonly reviewedAt: Date;
}

export interface MemberView {
  readonly memberId: string;
  readonly idno: string | null;
  readonly phone: string | null;
  readonly name: string | null;
  readonly accountId: string;
  readonly prodName: string;
  readonly digitalLevel: string;
}

/** A member, its EDDA check and video reviews, for the console. */
export interface MemberConsoleReader {
  find(memberId: string): Promise<MemberView | null>;
  eddaCheckOf(memberId: string): Promise<EddaCheckView | null>;
  /** Oldest first, failed DA21 attempts included. */
  reviewsOf(memberId: string): Promise<UpgradeReviewView[]>;
}
export const MemberConsoleReader = Symbol.for('MemberConsoleReader');
