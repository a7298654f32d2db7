import { inject, injectable } from 'inversify';
import { Clock } from '../shared/Clock.js';
import type { RequestContext } from '../shared/RequestContext.js';
import { UnitOfWork } from '../shared/UnitOfWork.js';
import { decideReview } from './EddaStatus.js';
import { CustomerInfoNotFound, EddaNotVerified, EsbDa21Failed, EsbTimeout } from './errors.js';
import {
  AccountLevelGateway,
  EddaCheckRepository,
  MemberRepository,
  UpgradeReviewRepository,
  UpgradeTargetLevel,
  type EddaCheck,
  type UpgradeReview,
} from './ports.js';

export interface UpgradeAccountCommand {
  readonly memberId: string;
  readonly isPass: boolean;
}

/** The ESB TransactionID of the DA21 call that decides this check: the same on every retry. */
export function esbTransactionIdFor(check: EddaCheck): string {
  return `MPUPG${String(check.id).padStart(12, '0')}`;
}

/**
 * The video customer-service result for a member (seed 000, SPEC 3). Everything happens
 * under the lock of the member's EDDA check, so concurrent calls make one DA21 call.
 */
@injectable()
export class UpgradeAccount {
  constructor(
    @inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @inject(MemberRepository) private readonly members: MemberRepository,
    @inject(EddaCheckRepository) private readonly eddaChecks: EddaCheckRepository,
    @inject(UpgradeReviewRepository) private readonly reviews: UpgradeReviewRepository,
    @inject(AccountLevelGateway) private readonly accountLevels: AccountLevelGateway,
    @inject(Clock) private readonly clock: Clock,
    @inject(UpgradeTargetLevel) private readonly targetLevel: string,
  ) {}

  async execute(command: UpgradeAccountCommand, context: RequestContext): Promise<void> {
    const attempt: { failed?: UpgradeReview } = {};
    try {
      await this.unitOfWork.run(async () => {
        delete attempt.failed;
        await this.decide(command, context, attempt);
      });
    } catch (error) {
      // The decision rolled back; the failed DA21 attempt is still worth an audit row.
      const failed = attempt.failed;
      if (failed) await this.unitOfWork.run(() => this.reviews.record(failed));
      throw error;
    }
  }

  private async decide(
    { memberId, isPass }: UpgradeAccountCommand,
    context: RequestContext,
    attempt: { failed?: UpgradeReview },
  ): Promise<void> {
    const member = await this.members.findById(memberId);
    if (!member) throw new CustomerInfoNotFound();

    const check = await this.eddaChecks.lockCurrentForMember(memberId);
    if (!check) throw new EddaNotVerified(null);

    const decision = decideReview(check.status, isPass);
    if (decision.kind === 'already-applied') return;

    const now = this.clock.now();
    const review: UpgradeReview = {
      memberId,
      eddaCheckId: check.id,
      isPass,
      outcome: 'APPLIED',
      esbTransactionId: isPass ? esbTransactionIdFor(check) : null,
      requestId: context.requestId,
      consumer: context.consumer,
      reviewedAt: now,
    };
    await this.reviews.record(review);

    if (isPass) {
      try {
        await this.accountLevels.setDigitalLevel({
          transactionId: esbTransactionIdFor(check),
          accountId: member.accountId,
          prodName: member.prodName,
          level: this.targetLevel,
        });
      } catch (error) {
        if (error instanceof EsbDa21Failed || error instanceof EsbTimeout) {
          attempt.failed = { ...review, outcome: error.code };
        }
        throw error;
      }
      await this.members.setDigitalLevel(memberId, this.targetLevel);
    }

    await this.eddaChecks.changeStatus(check, {
      to: decision.nextStatus,
      at: now,
      requestId: context.requestId,
    });
  }
}
