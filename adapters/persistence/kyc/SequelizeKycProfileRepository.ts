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
   * Lock first (the usual case: the row exists, a record lock). Only for a new uid, insert
   * with IGNORE, so two first events racing for one uid end with one row (a rare deadlock
   * between them is retried by the unit of work).
   */
  async lockOrCreate(fresh: KycProfile): Promise<{ profile: KycProfile; created: boolean }> {
    const existing = await this.lock(fresh.uid);
    if (existing) return { profile: existing, created: false };
    await this.model.bulkCreate([toKycProfileRow(fresh)], { ignoreDuplicates: true, ...this.database.queryOptions() });
    const profile = await this.lock(fresh.uid);
    if (!profile) throw new Error('kyc_profiles: the row just inserted is missing');
    return { profile, created: true };
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
