/** Which check refused a billing request with ESECURE: a short, fixed list (bounded metric labels). */
export type BillingRefusalCheck = 'api_key' | 'envelope_headers' | 'envelope' | 'inst_id';

/**
 * Told about every CustomerCheck refused with ESECURE, so operators can alert on a partner
 * (or someone holding its key) probing the envelope. Must not throw and must not block.
 */
export interface BillingRefusalObserver {
  /** `instId` is undefined when the API key named no institution. */
  refused(instId: string | undefined, check: BillingRefusalCheck): void;
}
export const BillingRefusalObserver = Symbol.for('BillingRefusalObserver');
