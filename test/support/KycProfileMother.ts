import type { ClientStatus, KycLevel, WalletStatus } from '../../core/kyc-change-notifier/KycCodes.js';
import { newProfile, type KycInfo, type KycProfile, type KycStatus } from '../../core/kyc-change-notifier/KycProfile.js';
import type { KycChangedEvent, KycInfoInput, KycStatusInput } from '../../core/kyc-change-notifier/ports.js';

/** A Malaysian wallet user's KYC info, as the seed's payloads show it. */
export const SITI_INFO: KycInfo = {
  name: 'Siti Aminah binti Abdullah',
  gender: 'F',
  dob: '1990-01-31',
  nationality: 'MY',
  address: '12 Jalan Ampang, 50450 Kuala Lumpur',
  mailingAddress: '12 Jalan Ampang, 50450 Kuala Lumpur',
  phone: '+60123456789',
  industryCode: '14220',
  occupationCode: '10009',
  icType: 'NRIC',
};

/** Object mother for profiles: `aProfile('u1').approved(300).build()`. */
export class KycProfileBuilder {
  private profile: KycProfile;

  constructor(uid: string) {
    this.profile = { ...newProfile(uid), walletStatus: 'ACTIVE', info: SITI_INFO };
  }

  withStatus(clientStatus: ClientStatus, level: KycLevel, extra: Partial<KycStatus> = {}): this {
    const status: KycStatus = {
      clientStatus,
      level,
      isMeetBusiness: clientStatus === 3,
      rejectReason: '',
      rejectReasonKeys: [],
      deleteReason: '',
      deleteReasonKeys: [],
      ...extra,
    };
    this.profile = { ...this.profile, status };
    return this;
  }

  pending(level: KycLevel = 300): this {
    return this.withStatus(2, level);
  }

  approved(level: KycLevel = 300): this {
    return this.withStatus(3, level);
  }

  rejected(level: KycLevel = 300): this {
    return this.withStatus(4, level);
  }

  deleted(level: KycLevel = 300): this {
    return this.withStatus(5, level);
  }

  noCase(): this {
    this.profile = { ...this.profile, status: null };
    return this;
  }

  wallet(walletStatus: WalletStatus): this {
    this.profile = { ...this.profile, walletStatus };
    return this;
  }

  info(info: Partial<KycInfo>): this {
    this.profile = { ...this.profile, info: { ...this.profile.info, ...info } };
    return this;
  }

  build(): KycProfile {
    return this.profile;
  }
}

export function aProfile(uid = '12345'): KycProfileBuilder {
  return new KycProfileBuilder(uid);
}

let counter = 0;
function nextEventId(): string {
  counter += 1;
  return `evt-${counter}`;
}

const base = (uid: string, occurredAt: number, eventId?: string) => ({ eventId: eventId ?? nextEventId(), uid, occurredAt });

export const kycEvents = {
  status(uid: string, status: KycStatusInput, occurredAt = 1666755263, eventId?: string): KycChangedEvent {
    return { ...base(uid, occurredAt, eventId), type: 'STATUS', status };
  },
  info(uid: string, info: KycInfoInput, occurredAt = 1666755300, eventId?: string): KycChangedEvent {
    return { ...base(uid, occurredAt, eventId), type: 'INFO', info };
  },
  phone(uid: string, phone: string, occurredAt = 1666755400, eventId?: string): KycChangedEvent {
    return { ...base(uid, occurredAt, eventId), type: 'PHONE', phone };
  },
  wallet(uid: string, walletStatus: WalletStatus, occurredAt = 1666755500, eventId?: string): KycChangedEvent {
    return { ...base(uid, occurredAt, eventId), type: 'WALLET', walletStatus };
  },
};
