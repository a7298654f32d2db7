import { FixtureLoader } from '../../adapters/persistence/fixtures/FixtureLoader.js';
import { loadConfig } from '../../config/loadConfig.js';
import { MidplatService } from '../../config/MidplatService.js';

/** Migrates the bench database and loads a fixture into it, as `npm run seed` would, before any server starts. */
export async function loadBenchData(url: string, fixture: Record<string, unknown[]>): Promise<void> {
  const service = new MidplatService(loadConfig({}, { database: { url, poolMax: 2 }, log: { level: 'silent' }, demo: { loadOnStart: false } }));
  try {
    await service.prepare();
    await service.container.get(FixtureLoader).load(fixture);
  } finally {
    await service.database.close();
  }
}

/** Approved eKYC users subscribed to MPLUS: each INFO event changing the name queues one Money+ callback. */
export function subscribedUsers(uids: readonly string[]): Record<string, unknown[]> {
  return {
    kycProfiles: uids.map((uid) => ({ uid, walletStatus: 'ACTIVE', clientStatus: 3, level: 300, isMeetBusiness: true, info: { name: 'Bench User', phone: '+60120000000' } })),
    moneyPlusSubscriptions: uids.map((uid) => ({ uid, bizId: 'MPLUS' })),
  };
}
