import { createHash } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { deepMerge, type ConfigJson } from '../../config/loadConfig.js';
import { aMemberFixture } from './MemberMother.js';
import { midplatEnv, runMidplatScript } from './midplatScript.js';
import { ServiceProcess } from './ServiceProcess.js';

/** Tokens, keys and paths of the scale-out tests: production configuration, never the demo's. */
export const IVR = { acstkn: 'scale-out-ivr-token' };
export const KYC = { acstkn: 'scale-out-kyc-token' };
export const BILLING_API_KEY = 'scale-out-billing-key-00001';
export const MONEY_PLUS_SECRET = `whsec_${Buffer.alloc(32, 9).toString('base64')}`;
export const UPGRADE = '/intranet/api/v1.0/UpgradeAccount/IVRCheckUpgradeAccount';
export const KYC_CHANGED = '/intranet/api/v1.0/kyc/KycChanged';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Midplat on MariaDB with the fake ESB and the fake Money+; `extra` merges key by key. */
export function scaleOutConfig(parts: { databaseUrl: string; esbUrl: string; moneyPlusUrl: string }, extra: ConfigJson = {}): ConfigJson {
  return deepMerge(
    {
      http: { port: 0 },
      database: { url: parts.databaseUrl },
      log: { level: 'info' },
      auth: {
        consumers: [
          { name: 'ivr', tokenSha256: sha256(IVR.acstkn), scopes: ['upgrade:write'] },
          { name: 'kyc', tokenSha256: sha256(KYC.acstkn), scopes: ['kyc:write'] },
        ],
      },
      esb: { adapter: 'http', url: parts.esbUrl, timeoutMs: 10000 },
      moneyPlus: {
        adapter: 'http',
        timeoutMs: 10000,
        partners: [{ bizId: 'MPLUS', secret: MONEY_PLUS_SECRET, callbackUrl: parts.moneyPlusUrl, queryFields: ['name'] }],
      },
      billing: { institutions: [{ instId: '00001', apiKey: BILLING_API_KEY, encryptType: 'NONE' }] },
    },
    extra,
  );
}

/** Members ready to upgrade, approved KYC users subscribed to MPLUS, and billing customers of company 654321. */
export function scaleOutFixture({ memberIds = [], uids = [], billKeys = [] }: { memberIds?: string[]; uids?: string[]; billKeys?: string[] }): object {
  return {
    members: memberIds.map((memberId) => aMemberFixture({ memberId })),
    kycProfiles: uids.map((uid) => ({ uid, walletStatus: 'ACTIVE', clientStatus: 3, level: 300, isMeetBusiness: true, info: { name: 'Scale User' } })),
    moneyPlusSubscriptions: uids.map((uid) => ({ uid, bizId: 'MPLUS' })),
    billingCustomers: billKeys.map((billKey) => ({
      companyId: '654321', billKey, contractNo: `C-${billKey}`, customerName: '张三', customerAddress: '北京市朝阳区建国路88号',
      customerStatus: '1', serviceStatus: '1', registerDate: '20200101', payments: [{ payDate: '20250101', amount: 4200 }],
    })),
  };
}

/** Loads a fixture through the real seed script, with the configuration the processes run. */
export async function seedThroughScript(config: ConfigJson, fixture: object): Promise<void> {
  const { folder, configFile } = ServiceProcess.writeConfig(config);
  try {
    const file = join(folder, 'fixture.json');
    writeFileSync(file, JSON.stringify(fixture));
    const seeded = await runMidplatScript('seed', [file], { env: midplatEnv(configFile) });
    expect(seeded.code, seeded.stderr).to.equal(0);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** The n-th KYC INFO event of a user: a new name, so MPLUS (which reads `name`) gets a callback; later n is newer. */
export function nameChange(uid: string, n: number): object {
  return { eventId: `${uid}-${n}`, uid, occurredAt: 1700000000 + n, type: 'INFO', info: { name: `Scale User ${n}` } };
}

/** Whether a process is still there (signal 0 only checks). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
