import { inject, injectable } from 'inversify';
import type { WhereOptions } from 'sequelize';
import { isEddaStatus } from '../../../core/upgrade-account/EddaStatus.js';
import type { DecisionClaim, EddaCheck, EddaCheckRepository, EddaStatusChange } from '../../../core/upgrade-account/ports.js';
import { Database } from '../Database.js';
import { defineUpgradeAccountModels, type EddaCheckRow } from './upgradeAccountModels.js';

@injectable()
export class SequelizeEddaCheckRepository implements EddaCheckRepository {
  constructor(@inject(Database) private readonly database: Database) {}

  private get models() {
    return this.database.models(defineUpgradeAccountModels);
  }

  lockCurrentForMember(memberId: string): Promise<EddaCheck | null> {
    return this.lockOne({ member_id: memberId });
  }

  lockById(checkId: number): Promise<EddaCheck | null> {
    return this.lockOne({ id: checkId });
  }

  private async lockOne(where: WhereOptions<EddaCheckRow>): Promise<EddaCheck | null> {
    const row = await this.models.EddaCheck.findOne({
      where,
      order: [['id', 'DESC']],
      ...this.database.queryOptions({ lockForUpdate: true }),
    });
    if (!row) return null;
    const { id, member_id, status, deciding_until, esb_transaction_id } = row.get();
    if (!isEddaStatus(status)) throw new Error(`edda_checks.id=${id} has an unknown status`);
    return { id, memberId: member_id, status, decidingUntil: deciding_until, esbTransactionId: esb_transaction_id };
  }

  async claim(check: EddaCheck, claim: DecisionClaim): Promise<void> {
    await this.models.EddaCheck.update(
      { deciding_until: claim.expiresAt, esb_transaction_id: claim.esbTransactionId },
      { where: { id: check.id }, ...this.database.queryOptions() },
    );
  }

  async releaseClaims(checks: readonly EddaCheck[]): Promise<void> {
    if (checks.length === 0) return;
    const ids = checks.map((check) => check.id);
    await this.models.EddaCheck.update({ deciding_until: null }, { where: { id: ids }, ...this.database.queryOptions() });
  }

  async changeStatus(check: EddaCheck, change: EddaStatusChange): Promise<void> {
    const options = this.database.queryOptions();
    await this.models.EddaCheck.update({ status: change.to, deciding_until: null }, { where: { id: check.id }, ...options });
    await this.models.EddaCheckHistory.create(
      {
        edda_check_id: check.id,
        from_status: check.status,
        to_status: change.to,
        request_id: change.requestId,
        changed_at: change.at,
      },
      options,
    );
  }
}
