/** The KYC system's codes, as seed 002's payloads use them (SPEC 5). */

/** `clientStatus`: the state of the user's current KYC case. */
export const CLIENT_STATUS = { PENDING: 2, APPROVED: 3, REJECTED: 4, DELETED: 5 } as const;
export const CLIENT_STATUSES = [2, 3, 4, 5] as const;
export type ClientStatus = (typeof CLIENT_STATUSES)[number];

/** `level`: how far the user is verified. */
export const KYC_LEVEL = { PARTIAL: 100, FULL: 200, EKYC: 300 } as const;
export const KYC_LEVELS = [100, 200, 300] as const;
export type KycLevel = (typeof KYC_LEVELS)[number];

export const WALLET_STATUSES = ['NOT_ACTIVATED', 'ACTIVE', 'BANNED'] as const;
export type WalletStatus = (typeof WALLET_STATUSES)[number];

/**
 * The reason key the KYC console sends for "others": the reason is then the free text,
 * so the key itself never goes to Money+.
 */
export const OTHERS_REASON_KEY = 'others';
