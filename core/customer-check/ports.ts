export type QueryType = '0' | '1';

/** How a partner bank names a billing customer: `0` billKey within companyId, `1` contractNo. */
export type CustomerQuery =
  | { readonly queryType: '0'; readonly companyId: string; readonly billKey: string }
  | { readonly queryType: '1'; readonly contractNo: string; readonly companyId?: string };

/** A utility customer with the summary of its payments. Dates are YYYYMMDD; amounts are fen. */
export interface BillingCustomerProfile {
  readonly companyId: string;
  readonly billKey: string;
  readonly contractNo: string;
  readonly customerName: string;
  readonly customerPhone: string;
  readonly customerAddress: string;
  readonly customerStatus: string;
  readonly serviceStatus: string;
  readonly registerDate: string;
  /** null when the customer never paid. */
  readonly lastPayDate: string | null;
  readonly totalPayCount: number;
  readonly totalPayAmount: number;
}

/** The billing customer and payment tables, read-only for CustomerCheck. */
export interface BillingCustomerRepository {
  findProfile(query: CustomerQuery): Promise<BillingCustomerProfile | null>;
}
export const BillingCustomerRepository = Symbol.for('BillingCustomerRepository');
