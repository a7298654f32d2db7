import { inject, injectable } from 'inversify';
import type { Member, MemberRepository } from '../../../core/upgrade-account/ports.js';
import { Database } from '../Database.js';
import { defineUpgradeAccountModels } from './upgradeAccountModels.js';

@injectable()
export class SequelizeMemberRepository implements MemberRepository {
  constructor(@inject(Database) private readonly database: Database) {}

  private get models() {
    return this.database.models(defineUpgradeAccountModels);
  }

  async findById(memberId: string): Promise<Member | null> {
    const row = await this.models.Member.findByPk(memberId, this.database.queryOptions());
    if (!row) return null;
    const { member_id, account_id, prod_name, digital_level } = row.get();
    return { memberId: member_id, accountId: account_id, prodName: prod_name, digitalLevel: digital_level };
  }

  async setDigitalLevel(memberId: string, level: string): Promise<void> {
    await this.models.Member.update(
      { digital_level: level },
      { where: { member_id: memberId }, ...this.database.queryOptions() },
    );
  }
}
