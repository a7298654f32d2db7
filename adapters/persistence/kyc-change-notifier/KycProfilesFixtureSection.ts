import { inject, injectable } from 'inversify';
import { CLIENT_STATUSES, KYC_LEVELS, WALLET_STATUSES, type ClientStatus, type KycLevel, type WalletStatus } from '../../../core/kyc-change-notifier/KycCodes.js';
import { EMPTY_INFO, newProfile, type KycInfo, type KycProfile } from '../../../core/kyc-change-notifier/KycProfile.js';
import { fixtureString } from '../ColumnShape.js';
import { Database } from '../Database.js';
import type { FixtureSection, LoadMode } from '../fixtures/FixtureSection.js';
import { itemsToWrite } from '../fixtures/itemsToWrite.js';
import { defineKycChangeNotifierModels } from './kycChangeNotifierModels.js';
import { KYC_PROFILE_SHAPE } from './kycProfileShape.js';
import { toKycProfileRow } from './kycProfileMapper.js';

interface KycProfileFixture {
  uid: string;
  walletStatus: WalletStatus;
  clientStatus?: ClientStatus | null;
  level?: KycLevel | null;
  isMeetBusiness?: boolean;
  rejectReason?: string;
  rejectReasonKeys?: string[];
  deleteReason?: string;
  deleteReasonKeys?: string[];
  info?: Partial<KycInfo>;
}

const text = (maxLength: number) => ({ type: 'string', maxLength });
const column = (name: keyof typeof KYC_PROFILE_SHAPE) => fixtureString(KYC_PROFILE_SHAPE[name]);
const reasonKeys = { type: 'array', items: { type: 'string', minLength: 1, maxLength: 100 }, maxItems: 50 };

/** JSON Schema of a profile's `info` (the INFO event's fields). */
const infoSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    name: column('name'),
    gender: column('gender'),
    dob: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
    nationality: column('nationality'),
    address: column('address'),
    mailingAddress: column('mailing_address'),
    phone: { type: 'string', pattern: '^\\+?[0-9]{6,20}$' },
    industryCode: column('industry_code'),
    occupationCode: column('occupation_code'),
    icType: column('ic_type'),
  },
} as const;

/**
 * Fixture key `kycProfiles`: `{uid, walletStatus, clientStatus, level, isMeetBusiness, info}`.
 * No event has been applied to a loaded profile yet, so any event applies to it.
 */
@injectable()
export class KycProfilesFixtureSection implements FixtureSection {
  readonly key = 'kycProfiles';
  readonly itemSchema = {
    type: 'object',
    additionalProperties: false,
    required: ['uid', 'walletStatus'],
    properties: {
      uid: fixtureString(KYC_PROFILE_SHAPE.uid, 'nonEmpty'),
      walletStatus: { enum: [...WALLET_STATUSES] },
      clientStatus: { enum: [...CLIENT_STATUSES, null] },
      level: { enum: [...KYC_LEVELS, null] },
      isMeetBusiness: { type: 'boolean' },
      rejectReason: text(1000),
      rejectReasonKeys: reasonKeys,
      deleteReason: text(1000),
      deleteReasonKeys: reasonKeys,
      info: infoSchema,
    },
  };

  constructor(@inject(Database) private readonly database: Database) {}

  async load(items: unknown[], mode: LoadMode): Promise<number> {
    const { KycProfile } = this.database.models(defineKycChangeNotifierModels);
    const options = this.database.queryOptions();
    const profiles = items as KycProfileFixture[];
    const found = await KycProfile.findAll({ attributes: ['uid'], where: { uid: profiles.map((item) => item.uid) }, ...options });
    const stored = new Set(found.map((row) => row.get().uid));
    const toWrite = itemsToWrite(this.key, profiles, mode, { isStored: (item) => stored.has(item.uid), describe: (item) => `uid ${item.uid}` });
    for (const item of toWrite) await KycProfile.upsert(toKycProfileRow(toProfile(item)), options);
    return toWrite.length;
  }
}

function toProfile(item: KycProfileFixture): KycProfile {
  const hasCase = item.clientStatus != null && item.level != null;
  return {
    ...newProfile(item.uid),
    walletStatus: item.walletStatus,
    status: hasCase
      ? {
          clientStatus: item.clientStatus!,
          level: item.level!,
          isMeetBusiness: item.isMeetBusiness ?? false,
          rejectReason: item.rejectReason ?? '',
          rejectReasonKeys: item.rejectReasonKeys ?? [],
          deleteReason: item.deleteReason ?? '',
          deleteReasonKeys: item.deleteReasonKeys ?? [],
        }
      : null,
    info: { ...EMPTY_INFO, ...item.info },
  };
}
