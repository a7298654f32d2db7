import { inject, injectable } from 'inversify';
import { isEddaStatus } from '../../../core/upgrade-account/EddaStatus.js';
import type { DecisionClaim, EddaCheck, EddaCheckRepository, EddaStatusChange } from '../../../core/upgrade-account/ports.js';
import { Database } from '../Database.js';
import { runStatement, selectRows, type SqlParameter } from '../selectRows.js';
import { rowDate } from '../sqlDate.js';
import { inList } from '../sqlList.js';
import type { EddaCheckRow } from './upgradeAccountModels.js';
import { upgradeSql, type UpgradeSql } from './upgradeSql.js';

/** The claim and the record run on the driver (UpgradeAccount's hot path; see `selectRows`). */
@injectable()
export class SequelizeEddaCheckRepository implements EddaCheckRepository {
  private readonly sql: UpgradeSql;

  constructor(@inject(Database) private readonly database: Database) {
    this.sql = upgradeSql(database.dialect);
  }

  lockCurrentForMember(memberId: string): Promise<EddaCheck | null> {
    return this.lockOne(this.sql.lockCurrentCheck, memberId);
  }

  lockById(checkId: number): Promise<EddaCheck | null> {
    return this.lockOne(this.sql.lockCheckById, checkId);
  }

  private async lockOne(sql: string, key: SqlParameter): Promise<EddaCheck | null> {
    const [row] = await selectRows<Omit<EddaCheckRow, 'deciding_until'> & { deciding_until: Date | string | null }>(this.database, sql, [key]);
    if (!row) return null;
    const { id, member_id, status, deciding_until, esb_transaction_id } = row;
    if (!isEddaStatus(status)) throw new Error(`edda_checks.id=${id} has an unknown status`);
    return { id, memberId: member_id, status, decidingUntil: deciding_until === null ? null : rowDate(deciding_until), esbTransactionId: esb_transaction_id };
  }

  async claim(check: EddaCheck, claim: DecisionClaim): Promise<void> {
    await runStatement(this.database, this.sql.claimCheck, [claim.expiresAt, claim.esbTransactionId, new Date(), check.id]);
  }

  async releaseClaims(checks: readonly EddaCheck[]): Promise<void> {
    if (checks.length === 0) return;
    const ids = inList(checks.map((check) => check.id));
    await runStatement(this.database, `UPDATE edda_checks SET deciding_until = NULL, updated_at = ? WHERE id IN (${ids.placeholders})`, [new Date(), ...ids.values]);
  }

  async changeStatus(check: EddaCheck, change: EddaStatusChange): Promise<void> {
    await runStatement(this.database, this.sql.changeCheckStatus, [change.to, new Date(), check.id]);
    await runStatement(this.database, this.sql.insertHistory, [check.id, check.status, change.to, change.requestId, change.at]);
  }
}
