import { inject, injectable } from 'inversify';
import { successReply } from './CustomerCheckReply.js';
import { parseCustomerCheckRequest } from './CustomerCheckRequest.js';
import { BillingCustomerNotFound } from './errors.js';
import type { CustomerCheckReplyFields, CustomerCheckRequestFields } from './messages.js';
import { BillingCustomerRepository } from './ports.js';

/**
 * A partner bank asks for a utility customer's basic information (seed 003, SPEC 6).
 * The caller is already authenticated and its InstId checked by the driving adapter;
 * this checks the message and answers from the billing customer and payment tables.
 */
@injectable()
export class CustomerCheck {
  constructor(@inject(BillingCustomerRepository) private readonly customers: BillingCustomerRepository) {}

  /** Throws WrongTranCode, BillingParameterInvalid or BillingCustomerNotFound. */
  async execute(fields: CustomerCheckRequestFields): Promise<CustomerCheckReplyFields> {
    const request = parseCustomerCheckRequest(fields);
    const profile = await this.customers.findProfile(request.query);
    if (!profile) throw new BillingCustomerNotFound();
    return successReply(request, profile);
  }
}
