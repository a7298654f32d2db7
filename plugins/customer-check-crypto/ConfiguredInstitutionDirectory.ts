import { hash, timingSafeEqual } from 'node:crypto';
import { BillingSecurityRejected } from '../../adapters/http/customer-check/errors.js';
import type { InstitutionDirectory, PartnerInstitution } from '../../adapters/http/customer-check/ports.js';

const sha256 = (text: string) => hash('sha256', text, 'buffer');

/**
 * Institutions by API key (several per institution during a rotation). Keys are compared as SHA-256 digests with timingSafeEqual
 * (equal lengths, no early exit), against every institution, so the time taken says
 * nothing about how much of a key was right or which institution it was close to.
 */
export class ConfiguredInstitutionDirectory implements InstitutionDirectory {
  private readonly entries: { readonly keyDigest: Buffer; readonly institution: PartnerInstitution }[];

  /** One entry per accepted key: an institution rotating its key is listed under each. */
  constructor(keys: readonly { keyDigest: Buffer; institution: PartnerInstitution }[]) {
    this.entries = [...keys];
  }

  identify(apiKey: string | undefined): PartnerInstitution {
    if (!apiKey) throw new BillingSecurityRejected('缺少 X-Api-Key');
    const digest = sha256(apiKey);
    let found: PartnerInstitution | undefined;
    for (const entry of this.entries) {
      if (timingSafeEqual(entry.keyDigest, digest)) found = entry.institution;
    }
    if (!found) throw new BillingSecurityRejected('X-Api-Key 无效');
    return found;
  }
}
