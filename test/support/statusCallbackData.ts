/** The `data` of the seed's KYC_STATUS_CHANGED callback (eKYC approved, every reason empty), overridden where a case differs. */
export function statusCallbackData(overrides: Record<string, unknown> = {}) {
  return {
    spay_kyc_client_status: 3,
    spay_kyc_level: 300,
    is_meet_business: true,
    spay_reject_reason: '',
    spay_reject_reason_key: '',
    spay_delete_reason: '',
    spay_delete_reason_key: '',
    change_status_time: 1666755263,
    ...overrides,
  };
}
