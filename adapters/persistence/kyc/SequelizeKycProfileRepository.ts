import { inject, injectable } from 'inversify';
import type { KycProfile } from '../../../core/kyc-change-notifier/KycProfile.js';
import type { KycProfileRepository } from '../../../core/kyc-change-notifier/ports.js';
import { Database } from '../Database.js';
import { defineKycModels } from './kycModels.js';
import { toKycProfile, toKycProfileRow } from './kycProfileMapper.js';

@injectable()
export class SequelizeKycProfileRepository implements KycProfileRepository {
  constructor(@inject(Database) private readonly database: Database) {}

  private get model() {
    return this.database.models(defineKycModels).KycProfile;
  }

  private async lock(uid: string): Promise<KycProfile | null> {
    const row = await this.model.findByPk(uid, this.database.queryOptions({ lockForUpdate: true }));
    return row ? toKycProfile(row.get()) : null;
  }

  /**
   * A plain read first: a locking read of a missing row would take a gap lock on MySQL, and
   * concurrent first events of different new users would then deadlock on their inserts.
   * A known uid is then locked by its record only; a new one is inserted with IGNORE (two
   * first events racing for the same uid end with one row) and locked.
   */
  async lockOrCreate(fresh: KycProfile): Promise<{ profile: KycProfile; created: boolean }> {
    const known = (await this.model.findByPk(fresh.uid, { attributes: ['uid'], ...this.database.queryOptions() })) !== null;
    if (!known) await this.model.bulkCreate([toKycProfileRow(fresh)], { ignoreDuplicates: true, ...this.database.queryOptions() });
    const profile = await this.lock(fresh.uid);
    if (!profile) throw new Error('kyc_profiles: the row just inserted is missing');
    return { profile, created: !known };
  }

  async save(profile: KycProfile): Promise<void> {
    const { uid, ...columns } = toKycProfileRow(profile);
    await this.model.update(columns, { where: { uid }, ...this.database.queryOptions() });
  }

  async find(uid: string): Promise<KycProfile | null> {
    const row = await this.model.findByPk(uid, this.database.queryOptions());
    return row ? toKycProfile(row.get()) : null;
  }
}
