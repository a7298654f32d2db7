/** How one institution's bodies travel: in clear or in a cipher envelope. */
export interface BodyProtection {
  /** Throws BillingEnvelopeUnreadable when the body is not a valid envelope under the key. */
  open(body: Uint8Array): Uint8Array;
  seal(plain: Uint8Array): Uint8Array;
}
