/**
 * The CustomerCheck message fields of seed 003, in the order the `<in>` and `<out>`
 * envelopes list them. Codecs carry these names unchanged in XML and JSON.
 */
export const REQUEST_FIELDS = [
  'Version',
  'InstId',
  'TranCode',
  'TranDate',
  'TranSeq',
  'billKey',
  'companyId',
  'queryType',
  'contractNo',
  'filed1',
  'filed2',
] as const;
export type RequestField = (typeof REQUEST_FIELDS)[number];

export const REPLY_FIELDS = [
  'Version',
  'InstId',
  'TranCode',
  'TranDate',
  'TranSeq',
  'RespCode',
  'RespMessage',
  'billKey',
  'companyId',
  'contractNo',
  'customerName',
  'customerPhone',
  'customerAddress',
  'customerStatus',
  'serviceStatus',
  'registerDate',
  'lastPayDate',
  'totalPayCount',
  'totalPayAmount',
  'filed1',
  'filed2',
  'filed3',
] as const;
export type ReplyField = (typeof REPLY_FIELDS)[number];

/** A request as read from the wire: every field optional text, nothing checked yet. */
export type CustomerCheckRequestFields = Partial<Record<RequestField, string>>;

/** Fields that are numbers in the JSON variant (integers); text in XML. */
export const NUMERIC_REPLY_FIELDS: ReadonlySet<ReplyField> = new Set(['totalPayCount', 'totalPayAmount']);

/** A reply to write: absent fields are written empty (XML) or left out (JSON). */
export type CustomerCheckReplyFields = Partial<Record<ReplyField, string | number>>;

/** The header fields an error reply echoes when they could be read (SPEC 6). */
export const ECHOED_FIELDS = ['Version', 'InstId', 'TranDate', 'TranSeq'] as const satisfies readonly RequestField[];
