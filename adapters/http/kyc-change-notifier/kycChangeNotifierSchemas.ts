import { CLIENT_STATUSES, KYC_LEVELS, WALLET_STATUSES } from '../../../core/kyc-change-notifier/KycCodes.js';
import { KYC_PROFILE_LIMITS as LIMITS } from '../../json-schema/kyc-change-notifier/kycProfileLimits.js';

const text = (maxLength: number, description?: string) => ({ type: 'string', maxLength, ...(description ? { description } : {}) });
const reasonKeys = (description: string) => ({
  type: 'array',
  maxItems: 50,
  items: { type: 'string', minLength: 1, maxLength: 100 },
  description,
});

export const uidSchema = { type: 'string', minLength: 1, maxLength: LIMITS.uid, description: 'The wallet user id (uid)' };
export const bizIdSchema = { type: 'string', minLength: 1, maxLength: 64, description: 'The partner id Money+ registered with KYC' };
export const phoneSchema = { type: 'string', pattern: '^\\+?[0-9]{6,20}$', description: 'E.164 digits, e.g. +60123456789' };

export const kycStatusSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['clientStatus', 'level', 'isMeetBusiness'],
  properties: {
    clientStatus: { enum: [...CLIENT_STATUSES], description: '2 pending, 3 approved, 4 rejected, 5 deleted' },
    level: { enum: [...KYC_LEVELS], description: '100 partial, 200 full, 300 eKYC' },
    isMeetBusiness: { type: 'boolean' },
    rejectReason: text(1000, 'The "others" free text of a rejection'),
    rejectReasonKeys: reasonKeys('Reject reason keys chosen in the KYC console ("others" means see rejectReason)'),
    deleteReason: text(1000, 'The "others" free text of a deletion'),
    deleteReasonKeys: reasonKeys('Delete reason keys chosen in the KYC console ("others" means see deleteReason)'),
  },
};

/** Only the fields present change. */
export const kycInfoSchema = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    name: text(LIMITS.name),
    gender: text(LIMITS.gender),
    dob: { type: 'string', format: 'date' },
    nationality: text(LIMITS.nationality, 'ISO 3166 country code, e.g. MY'),
    address: text(LIMITS.address),
    mailingAddress: text(LIMITS.mailingAddress),
    phone: phoneSchema,
    industryCode: text(LIMITS.industryCode, 'Industry code (Money+ nature_of_business)'),
    occupationCode: text(LIMITS.occupationCode, 'Occupation code (Money+ occupation)'),
    icType: text(LIMITS.icType, 'Identity document type, e.g. NRIC'),
  },
};

export const walletStatusSchema = { enum: [...WALLET_STATUSES] };

const kycChangedProperties = {
  eventId: { type: 'string', minLength: 1, maxLength: 128, description: 'Idempotency key: a repeated event changes nothing' },
  uid: uidSchema,
  occurredAt: { type: 'integer', minimum: 0, maximum: 253402300799, description: 'Unix seconds when the change happened' },
  type: { enum: ['STATUS', 'INFO', 'PHONE', 'WALLET'] },
  status: kycStatusSchema,
  info: kycInfoSchema,
  phone: phoneSchema,
  walletStatus: walletStatusSchema,
};

// `then` repeats the properties so that document linters, which close every schema, still accept the body.
const requiredFor = (type: string, field: keyof typeof kycChangedProperties) => ({
  if: { properties: { type: { const: type } }, required: ['type'] },
  then: { required: [field], properties: kycChangedProperties },
});

/** Each event type requires its own part: STATUS → status, INFO → info, PHONE → phone, WALLET → walletStatus. */
export const kycChangedRequestSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['eventId', 'uid', 'occurredAt', 'type'],
  properties: kycChangedProperties,
  allOf: [requiredFor('STATUS', 'status'), requiredFor('INFO', 'info'), requiredFor('PHONE', 'phone'), requiredFor('WALLET', 'walletStatus')],
};
