/**
 * The longest value each KYC profile text field may hold, written once: the KycChanged request
 * schema refuses longer values, and the `kyc_profiles` columns (and so the fixture schema) are
 * sized from the same numbers, so whatever HTTP accepts fits the table.
 */
export const KYC_PROFILE_LIMITS = {
  uid: 64,
  name: 200,
  gender: 16,
  nationality: 16,
  address: 500,
  mailingAddress: 500,
  industryCode: 20,
  occupationCode: 20,
  icType: 20,
} as const;
