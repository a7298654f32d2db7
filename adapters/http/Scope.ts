/** What an intranet consumer's token may be allowed; each JsonEndpoint requires one. */
export const SCOPES = ['upgrade:write', 'createinfo:read', 'kyc:write', 'moneyplus:read', 'moneyplus:subscribe', 'ops:read', 'ops:write'] as const;
export type Scope = (typeof SCOPES)[number];
