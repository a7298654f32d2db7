import { BillingSecurityRejected } from '../../adapters/http/customer-check/errors.js';
import type { EncryptType, EnvelopeHeaders, PartnerInstitution } from '../../adapters/http/customer-check/ports.js';
import type { BodyProtection } from './BodyProtection.js';

/**
 * A partner bank from `billing.institutions`. Its EncryptType is the only one it may use:
 * an SM4 institution sending NONE (or AES) is refused, so a stolen API key alone cannot
 * talk in clear, and a request is never answered in a weaker form than configured.
 */
export class ConfiguredInstitution implements PartnerInstitution {
  constructor(
    readonly instId: string,
    readonly encryptType: EncryptType,
    private readonly protection: BodyProtection,
  ) {}

  open(body: Uint8Array, headers: EnvelopeHeaders): Uint8Array {
    const encryptType = (headers.encryptType ?? 'NONE').trim().toUpperCase();
    if (encryptType !== this.encryptType) {
      throw new BillingSecurityRejected(`EncryptType 须为 ${this.encryptType}`);
    }
    if (encryptType !== 'NONE') {
      const encryptMode = (headers.encryptMode ?? 'CBC').trim().toUpperCase();
      if (encryptMode !== 'CBC') throw new BillingSecurityRejected('EncryptMode 须为 CBC');
    }
    return this.protection.open(body);
  }

  seal(plain: Uint8Array): Uint8Array {
    return this.protection.seal(plain);
  }
}
