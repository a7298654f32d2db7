import {
  APPLICATION_SHAPE,
  CREATE_DETAIL_SHAPE,
  CREATE_INFO_ITEM_SHAPE,
  DOCUMENT_RESEND_SHAPE,
  MANUAL_REVIEW_FLAG_SHAPE,
  TELLER_CHECK_RECORD_SHAPE,
  type ObjectOf,
} from './createInfoShape.js';

/** One GetCreateInfo response item (SPEC 4). */
export type CreateInfoItem = ObjectOf<typeof CREATE_INFO_ITEM_SHAPE>;

/** An application as the fixture file and the response carry it (no `abnormalPid`). */
export type ApplicationRecord = ObjectOf<typeof APPLICATION_SHAPE>;

export type CreateDetail = ObjectOf<typeof CREATE_DETAIL_SHAPE>;
export type DocumentResend = ObjectOf<typeof DOCUMENT_RESEND_SHAPE>;
export type ManualReviewFlag = ObjectOf<typeof MANUAL_REVIEW_FLAG_SHAPE>;
export type TellerCheckRecord = ObjectOf<typeof TELLER_CHECK_RECORD_SHAPE>;

/** What the store keeps of a create detail: also the user's encrypted password, which never leaves. */
export interface StoredCreateDetail extends CreateDetail {
  psd: string | null;
}

/** An application as the repository reads it. */
export type Application = Omit<ApplicationRecord, 'createDetails'> & { createDetails: StoredCreateDetail[] };
