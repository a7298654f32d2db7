import type { EddaStatus } from '../../core/upgrade-account/EddaStatus.js';
import type { DecisionClaim, EddaCheck, EddaCheckRepository, EddaStatusChange } from '../../core/upgrade-account/ports.js';
import type { Snapshotting } from './InMemoryUnitOfWork.js';
import { anEddaCheck } from './MemberMother.js';

export class InMemoryEddaCheckRepository implements EddaCheckRepository, Snapshotting {
  checks: EddaCheck[] = [];
  history: { checkId: number; from: EddaStatus; change: EddaStatusChange }[] = [];

  add(memberId: string, status: EddaStatus): EddaCheck {
    const check = anEddaCheck({ id: this.checks.length + 1, memberId, status });
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
    ({ checks: this.checks, history: this.history } = state as { checks: EddaCheck[]; history: InMemoryEddaCheckRepository['history'] });
  }
}
