import type { EddaStatus } from '../../core/upgrade-account/EddaStatus.js';
import { AccountLevelGatewayFailed, AccountLevelGatewayTimedOut, AccountLevelGatewayUnavailable } from '../../core/upgrade-account/errors.js';
import type {
  AccountLevelGateway,
  DecisionClaim,
  DigitalLevelChange,
  EddaCheck,
  EddaCheckRepository,
  EddaStatusChange,
  Member,
  MemberRepository,
  UpgradeReview,
  UpgradeReviewRepository,
} from '../../core/upgrade-account/ports.js';
import type { Snapshotting } from './InMemoryUnitOfWork.js';

export class InMemoryMembers implements MemberRepository, Snapshotting {
  members = new Map<string, Member>();

  add(member: Member): this {
    this.members.set(member.memberId, member);
    return this;
  }

  async findById(memberId: string): Promise<Member | null> {
    return this.members.get(memberId) ?? null;
  }

  async setDigitalLevel(memberId: string, level: string): Promise<void> {
    const member = this.members.get(memberId);
    if (member) this.members.set(memberId, { ...member, digitalLevel: level });
  }

  snapshot(): unknown {
    return new Map(this.members);
  }

  restore(state: unknown): void {
    this.members = state as Map<string, Member>;
  }
}

export class InMemoryEddaChecks implements EddaCheckRepository, Snapshotting {
  checks: EddaCheck[] = [];
  history: { checkId: number; from: EddaStatus; change: EddaStatusChange }[] = [];

  add(memberId: string, status: EddaStatus): EddaCheck {
    const check = { id: this.checks.length + 1, memberId, status, decidingUntil: null, esbTransactionId: null };
    this.checks.push(check);
    return check;
  }

  statusOf(memberId: string): EddaStatus | undefined {
    return this.currentOf(memberId)?.status;
  }

  currentOf(memberId: string): EddaCheck | undefined {
    return this.checks.filter((check) => check.memberId === memberId).at(-1);
  }

  async lockCurrentForMember(memberId: string): Promise<EddaCheck | null> {
    return this.currentOf(memberId) ?? null;
  }

  async lockById(checkId: number): Promise<EddaCheck | null> {
    return this.checks.find((check) => check.id === checkId) ?? null;
  }

  async claim(check: EddaCheck, claim: DecisionClaim): Promise<void> {
    this.update(check.id, { decidingUntil: claim.expiresAt, esbTransactionId: claim.esbTransactionId });
  }

  async releaseClaims(checks: readonly EddaCheck[]): Promise<void> {
    for (const check of checks) this.update(check.id, { decidingUntil: null });
  }

  async changeStatus(check: EddaCheck, change: EddaStatusChange): Promise<void> {
    this.update(check.id, { status: change.to, decidingUntil: null });
    this.history.push({ checkId: check.id, from: check.status, change });
  }

  private update(checkId: number, changes: Partial<EddaCheck>): void {
    this.checks = this.checks.map((existing) => (existing.id === checkId ? { ...existing, ...changes } : existing));
  }

  snapshot(): unknown {
    return { checks: [...this.checks], history: [...this.history] };
  }

  restore(state: unknown): void {
    ({ checks: this.checks, history: this.history } = state as { checks: EddaCheck[]; history: InMemoryEddaChecks['history'] });
  }
}

export class InMemoryReviews implements UpgradeReviewRepository, Snapshotting {
  reviews: UpgradeReview[] = [];

  async record(review: UpgradeReview): Promise<void> {
    this.reviews.push(review);
  }

  async recordAll(reviews: readonly UpgradeReview[]): Promise<void> {
    this.reviews.push(...reviews);
  }

  snapshot(): unknown {
    return [...this.reviews];
  }

  restore(state: unknown): void {
    this.reviews = state as UpgradeReview[];
  }
}

/**
 * The ESB as the use case sees it: records calls, answers as told (`never`: the call
 * never returns, as when the process dies mid-call). `duringCall` runs inside each call.
 */
export class ScriptedAccountLevelGateway implements AccountLevelGateway {
  calls: DigitalLevelChange[] = [];
  answer: 'ok' | 'refuse' | 'timeout' | 'unavailable' | 'never' = 'ok';
  duringCall: () => void = () => undefined;

  async setDigitalLevel(change: DigitalLevelChange): Promise<void> {
    this.calls.push(change);
    this.duringCall();
    if (this.answer === 'never') await new Promise(() => undefined);
    await new Promise((resolve) => setImmediate(resolve));
    if (this.answer === 'refuse') throw new AccountLevelGatewayFailed('RtrnCode 500');
    if (this.answer === 'timeout') throw new AccountLevelGatewayTimedOut(5000);
    if (this.answer === 'unavailable') throw new AccountLevelGatewayUnavailable();
  }
}
