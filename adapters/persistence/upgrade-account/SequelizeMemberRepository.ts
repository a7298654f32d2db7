import { inject, injectable } from 'inversify';
import type { Member, MemberRepository } from '../../../core/upgrade-account/ports.js';
import { Database } from '../Database.js';
import { runStatement, selectRows } from '../selectRows.js';
import type { MemberRow } from './upgradeAccountModels.js';
import { upgradeSql, type UpgradeSql } from './upgradeSql.js';

/** On the driver: both statements are on UpgradeAccount's hot path (see `selectRows`). */
@injectable()
export class SequelizeMemberRepository implements MemberRepository {
  private readonly sql: UpgradeSql;

  constructor(@inject(Database) private readonly database: Database) {
    this.sql = upgradeSql(database.dialect);
  }

  async findById(memberId: string): Promise<Member | null> {
    const [row] = await selectRows<Pick<MemberRow, 'member_id' | 'account_id' | 'prod_name' | 'digital_level'>>(this.database, this.sql.selectMember, [memberId]);
    if (!row) return null;
    return { memberId: row.member_id, accountId: row.account_id, prodName: row.prod_name, digitalLevel: row.digital_level };
  }

  async setDigitalLevel(memberId: string, level: string): Promise<void> {
    await runStatement(this.database, this.sql.setDigitalLevel, [level, new Date(), memberId]);
  }
}
