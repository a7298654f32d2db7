import { inject, injectable } from 'inversify';
import { CustomerInfoNotFound } from '../upgrade-account/errors.js';
import { MemberConsoleReader, PersonalDataMasker, type EddaCheckView, type MemberView } from './ports.js';

export interface MemberDetail {
  /** Personal data masked. */
  readonly member: MemberView;
  readonly eddaCheck: EddaCheckView | null;
  readonly reviews: Array<{ isPass: boolean; reviewedAt: Date; requestId: string }>;
  readonly failedDa21Attempts: Array<{ transactionId: string | null; code: string; attemptedAt: Date }>;
}

/** A member as UpgradeAccount sees it: EDDA check, recorded reviews and failed DA21 attempts. */
@injectable()
export class ViewMember {
  constructor(
    @inject(MemberConsoleReader) private readonly reader: MemberConsoleReader,
    @inject(PersonalDataMasker) private readonly masker: PersonalDataMasker,
  ) {}

  async execute(memberId: string): Promise<MemberDetail> {
    const member = await this.reader.find(memberId);
    if (!member) throw new CustomerInfoNotFound();
    const [eddaCheck, reviews] = await Promise.all([this.reader.eddaCheckOf(memberId), this.reader.reviewsOf(memberId)]);
    return {
      member: this.masker.mask(member),
      eddaCheck,
      reviews: reviews
        .filter((review) => review.outcome === 'APPLIED')
        .map((review) => ({ isPass: review.isPass, reviewedAt: review.reviewedAt, requestId: review.requestId })),
      failedDa21Attempts: reviews
        .filter((review) => review.outcome !== 'APPLIED')
        .map((review) => ({ transactionId: review.esbTransactionId, code: review.outcome, attemptedAt: review.reviewedAt })),
    };
  }
}
