import { inject, injectable } from 'inversify';
import { Clock } from '../shared/Clock.js';
import { DomainError } from '../shared/DomainError.js';
import { GroupCommit } from '../shared/GroupCommit.js';
import type { RequestContext } from '../shared/RequestContext.js';
import type { UnitOfWork } from '../shared/UnitOfWork.js';
import { decideUpgrade, type UpgradeStep } from './decideUpgrade.js';
import { decideReview } from './EddaStatus.js';
import { CustomerInfoNotFound, EddaNotVerified } from './errors.js';
import {
  AccountLevelGateway,
  EddaCheckRepository,
  MemberRepository,
  UpgradeClaimMs,
  UpgradeReviewRepository,
  UpgradeTargetLevel,
  UpgradeUnitOfWork,
  type EddaCheck,
  type Member,
  type ReviewOutcome,
  type UpgradeReview,
} from './ports.js';

export interface UpgradeAccountCommand {
  readonly memberId: string;
  readonly isPass: boolean;
}

const AUDITED_FAILURES: ReadonlySet<string> = new Set<ReviewOutcome>(['ESB_DA21_FAILED', 'ESB_TIMEOUT', 'ESB_UNAVAILABLE']);

/**
 * The video customer-service result for a member (seed 000, SPEC 3): claim the decision
 * in a short transaction, call DA21 holding no transaction, lock or connection, then
 * record the outcome in a second short transaction.
 */
@injectable()
export class UpgradeAccount {
  /** Calls in this process deciding a member: a repeat of the same result waits for their outcome. */
  private readonly inFlight = new Map<string, { readonly isPass: boolean; readonly outcome: Promise<void> }>();
  /** Failed DA21 attempts: their claims are freed and audit rows written in shared transactions. */
  private readonly failedAttempts = new GroupCommit<{ readonly check: EddaCheck; readonly audit: UpgradeReview | null }>((attempts) =>
    this.unitOfWork.run(async () => {
      await this.eddaChecks.releaseClaims(attempts.map((attempt) => attempt.check));
      await this.reviews.recordAll(attempts.flatMap((attempt) => (attempt.audit ? [attempt.audit] : [])));
    }),
    100,
  );

  constructor(
    @inject(UpgradeUnitOfWork) private readonly unitOfWork: UnitOfWork,
    @inject(MemberRepository) private readonly members: MemberRepository,
    @inject(EddaCheckRepository) private readonly eddaChecks: EddaCheckRepository,
    @inject(UpgradeReviewRepository) private readonly reviews: UpgradeReviewRepository,
    @inject(AccountLevelGateway) private readonly accountLevels: AccountLevelGateway,
    @inject(Clock) private readonly clock: Clock,
    @inject(UpgradeTargetLevel) private readonly targetLevel: string,
    @inject(UpgradeClaimMs) private readonly claimMs: number,
  ) {}

  async execute(command: UpgradeAccountCommand, context: RequestContext): Promise<void> {
    const running = this.inFlight.get(command.memberId);
    // Waiting costs at most the running call's DA21 timeout; another instance's claim answers UPGRADE_IN_PROGRESS instead.
    if (running?.isPass === command.isPass) return running.outcome;
    const outcome = this.decide(command, context);
    if (!running) this.inFlight.set(command.memberId, { isPass: command.isPass, outcome });
    try {
      await outcome;
    } finally {
      if (this.inFlight.get(command.memberId)?.outcome === outcome) this.inFlight.delete(command.memberId);
    }
  }

  private async decide({ memberId, isPass }: UpgradeAccountCommand, context: RequestContext): Promise<void> {
    const requestedAt = this.clock.now();
    const member = await this.members.findById(memberId);
    if (!member) throw new CustomerInfoNotFound();

    const claimed = await this.unitOfWork.run(async () => {
      const check = await this.eddaChecks.lockCurrentForMember(memberId);
      if (!check) throw new EddaNotVerified(null);
      const now = this.clock.now();
      const step = decideUpgrade(check, isPass, now, this.claimMs);
      if (step.kind === 'record-failure') {
        await this.reviews.record(this.review(check, isPass, 'APPLIED', null, context, now));
        await this.eddaChecks.changeStatus(check, { to: 'CustomerFailure', at: now, requestId: context.requestId });
      }
      if (step.kind === 'claim') await this.eddaChecks.claim(check, step.claim);
      return step.kind === 'claim' ? { check, step } : null;
    });
    if (!claimed) return;

    await this.callDa21(member, claimed.check, claimed.step, requestedAt, context);
    await this.recordSuccess(claimed.check, claimed.step, context);
  }

  /** No transaction is open here: a hanging ESB costs this call its timeout and nothing else. */
  private async callDa21(
    member: Member,
    check: EddaCheck,
    step: Extract<UpgradeStep, { kind: 'claim' }>,
    requestedAt: Date,
    context: RequestContext,
  ): Promise<void> {
    try {
      await this.accountLevels.setDigitalLevel({
        transactionId: step.claim.esbTransactionId,
        accountId: member.accountId,
        prodName: member.prodName,
        level: this.targetLevel,
        requestedAt,
      });
    } catch (error) {
      // Nothing was decided: free the claim for a retry and keep an audit row of the attempt.
      const audited = error instanceof DomainError && AUDITED_FAILURES.has(error.code);
      const audit = audited ? this.review(check, true, error.code as ReviewOutcome, step.claim.esbTransactionId, context, this.clock.now()) : null;
      await this.failedAttempts.add({ check, audit });
      throw error;
    }
  }

  private async recordSuccess(claimed: EddaCheck, step: Extract<UpgradeStep, { kind: 'claim' }>, context: RequestContext): Promise<void> {
    await this.unitOfWork.run(async () => {
      const check = await this.eddaChecks.lockById(claimed.id);
      if (!check) throw new EddaNotVerified(null);
      // A retry that took over an expired claim may have recorded the same DA21 result already.
      if (decideReview(check.status, true).kind === 'already-applied') return;
      const now = this.clock.now();
      await this.reviews.record(this.review(check, true, 'APPLIED', step.claim.esbTransactionId, context, now));
      await this.members.setDigitalLevel(check.memberId, this.targetLevel);
      await this.eddaChecks.changeStatus(check, { to: 'CustomerSuccess', at: now, requestId: context.requestId });
    });
  }

  private review(check: EddaCheck, isPass: boolean, outcome: ReviewOutcome, esbTransactionId: string | null, context: RequestContext, at: Date): UpgradeReview {
    return {
      memberId: check.memberId,
      eddaCheckId: check.id,
      isPass,
      outcome,
      esbTransactionId,
      requestId: context.requestId,
      consumer: context.consumer,
      reviewedAt: at,
    };
  }
}
