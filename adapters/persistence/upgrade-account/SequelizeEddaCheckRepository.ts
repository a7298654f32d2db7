import { inject, injectable } from 'inversify';
import { isEddaStatus } from '../../../core/upgrade-account/EddaStatus.js';
import type { EddaCheck, EddaCheckRepository, EddaStatusChange } from '../../../core/upgrade-account/ports.js';
import { Database } from '../Database.js';
import { defineUpgradeAccountModels } from './upgradeAccountModels.js';

@injectable()
export class SequelizeEddaCheckRepository implements EddaCheckRepository {
  constructor(@inject(Database) private readonly database: Database) {}

  private get models() {
    return this.database.models(defineUpgradeAccountModels);
  }

  async lockCurrentForMember(memberId: string): Promise<EddaCheck | null> {
    const row = await this.models.EddaCheck.findOne({
      where: { member_id: memberId },
      order: [['id', 'DESC']],
      ...this.database.queryOptions({ lockForUpdate: true }),
    });
    if (!row) return null;
    const { id, member_id, status } = row.get();
    if (!isEddaStatus(status)) throw new Error(`edda_checks.id=${id} has an unknown status`);
    return { id, memberId: member_id, status };
  }

  async changeStatus(check: EddaCheck, change: EddaStatusChange): Promise<void> {
    const options = this.database.queryOptions();
    await this.models.EddaCheck.update({ status: change.to }, { where: { id: check.id }, ...options });
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
