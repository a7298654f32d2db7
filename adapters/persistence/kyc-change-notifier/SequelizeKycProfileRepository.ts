import { inject, injectable } from 'inversify';
import type { KycProfile } from '../../../core/kyc-change-notifier/KycProfile.js';
import type { KycProfileRepository } from '../../../core/kyc-change-notifier/ports.js';
import { Database } from '../Database.js';
import { runStatement, selectRows } from '../selectRows.js';
import type { KycProfileRow } from './kycChangeNotifierModels.js';
import { toKycProfile, toKycProfileRow } from './kycProfileMapper.js';
import { kycSql, profileValues, type KycSql } from './kycSql.js';

/** The profile mirror, on the driver (KycChanged's write path is hot; see `selectRows`). */
@injectable()
export class SequelizeKycProfileRepository implements KycProfileRepository {
  private readonly sql: KycSql;

  constructor(@inject(Database) private readonly database: Database) {
    this.sql = kycSql(database.dialect);
  }

  /**
   * A plain read first: a locking read of a missing row would take a gap lock on MySQL, and
   * concurrent first events of different new users would then deadlock on their inserts.
   * A known uid is then locked by its record only; a new one is inserted with IGNORE (two
   * first events racing for the same uid end with one row) and locked.
   */
  async lockOrCreate(fresh: KycProfile): Promise<{ profile: KycProfile; created: boolean }> {
    const known = (await selectRows(this.database, this.sql.profileExists, [fresh.uid])).length > 0;
    if (!known) {
      const now = new Date();
      await runStatement(this.database, this.sql.insertProfileUnlessExists, [fresh.uid, ...profileValues(toKycProfileRow(fresh)), now, now]);
    }
    const [row] = await selectRows<KycProfileRow>(this.database, this.sql.lockProfile, [fresh.uid]);
    if (!row) throw new Error('kyc_profiles: the row just inserted is missing');
    return { profile: toKycProfile(row), created: !known };
  }

  async save(profile: KycProfile): Promise<void> {
    await runStatement(this.database, this.sql.updateProfile, [...profileValues(toKycProfileRow(profile)), new Date(), profile.uid]);
  }

  /** Outside a unit of work (QueryFieldResult, Entry, the console) a usable read replica answers. */
  async find(uid: string): Promise<KycProfile | null> {
    const [row] = await selectRows<KycProfileRow>(this.database, this.sql.selectProfile, [uid], { readFrom: 'replica' });
    return row ? toKycProfile(row) : null;
  }
}
