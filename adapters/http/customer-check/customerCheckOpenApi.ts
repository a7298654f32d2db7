import { REPLY_FIELDS, REQUEST_FIELDS } from '../../../core/customer-check/messages.js';

const text = (description: string, extra: object = {}) => ({ type: 'string', description, ...extra });

const REQUEST_DESCRIPTIONS: Record<(typeof REQUEST_FIELDS)[number], object> = {
  Version: text('Interface version, e.g. 1.0.1', { maxLength: 16 }),
  InstId: text('Institution id; must be the X-Api-Key institution', { maxLength: 32 }),
  TranCode: text('Transaction code', { const: 'CustomerCheck' }),
  TranDate: text('Transaction date YYYYMMDD', { pattern: '^[0-9]{8}$' }),
  TranSeq: text('Transaction sequence number, echoed', { maxLength: 32 }),
  billKey: text('Bill key (queryType 0)', { maxLength: 64 }),
  companyId: text('Utility company id (queryType 0; narrows queryType 1)', { maxLength: 64 }),
  queryType: text('0 = by billKey within companyId, 1 = by contractNo', { enum: ['0', '1'] }),
  contractNo: text('Contract number (queryType 1)', { maxLength: 64 }),
  filed1: text('Reserved', { maxLength: 256 }),
  filed2: text('Reserved', { maxLength: 256 }),
};

const REPLY_DESCRIPTIONS: Record<(typeof REPLY_FIELDS)[number], object> = {
  Version: text('Echoed'),
  InstId: text('Echoed'),
  TranCode: text('Reply transaction code', { const: 'CustomerCheckRes' }),
  TranDate: text('Echoed'),
  TranSeq: text('Echoed'),
  RespCode: text('AAAAAAA success; EPARAM1, ETRANCD, ENOCUST (400); ESECURE (403); ESYSTEM (500)', {
    enum: ['AAAAAAA', 'EPARAM1', 'ETRANCD', 'ENOCUST', 'ESECURE', 'ESYSTEM'],
  }),
  RespMessage: text('Human-readable result (Chinese)'),
  billKey: text('Bill key'),
  companyId: text('Utility company id'),
  contractNo: text('Contract number'),
  customerName: text('Customer name; characters GBK lacks come as numeric character references in XML'),
  customerPhone: text('Contact phone'),
  customerAddress: text('Address'),
  customerStatus: text('Customer status'),
  serviceStatus: text('Service status'),
  registerDate: text('Registration date YYYYMMDD'),
  lastPayDate: text('Last payment date YYYYMMDD; empty when never paid'),
  totalPayCount: { type: ['integer', 'string'], description: 'Number of payments (text in XML, integer in JSON)' },
  totalPayAmount: { type: ['integer', 'string'], description: 'Total paid, in fen (text in XML, integer in JSON)' },
  filed1: text('Reserved'),
  filed2: text('Reserved'),
  filed3: text('Reserved'),
};

const requestSchema = {
  type: 'object',
  required: ['Version', 'InstId', 'TranCode', 'TranDate', 'TranSeq', 'queryType'],
  properties: REQUEST_DESCRIPTIONS,
  xml: { name: 'in' },
};
const replySchema = { type: 'object', required: ['TranCode', 'RespCode', 'RespMessage'], properties: REPLY_DESCRIPTIONS, xml: { name: 'out' } };

const XML_REQUEST_EXAMPLE = `<?xml version="1.0" encoding="GBK"?>
<in>
  <Version>1.0.1</Version>
  <InstId>00001</InstId>
  <TranCode>CustomerCheck</TranCode>
  <TranDate>20240101</TranDate>
  <TranSeq>123456789012</TranSeq>
  <billKey>123456</billKey>
  <companyId>654321</companyId>
  <queryType>0</queryType>
  <contractNo>CONTRACT001</contractNo>
  <filed1></filed1>
  <filed2></filed2>
</in>
`;

const JSON_REQUEST_EXAMPLE = {
  Version: '1.0.1',
  InstId: '00001',
  TranCode: 'CustomerCheck',
  TranDate: '20240101',
  TranSeq: '123456789012',
  billKey: '123456',
  companyId: '654321',
  queryType: '0',
  contractNo: 'CONTRACT001',
};

const replyHeaders = {
  'X-Request-Id': { $ref: '#/components/headers/XRequestId' },
  'X-Response-Time': { $ref: '#/components/headers/XResponseTime' },
  DataType: { description: 'XML or JSON, as the request', schema: { type: 'string', enum: ['XML', 'JSON'] } },
  EncryptType: { description: 'How the reply body is protected: as the request', schema: { type: 'string', enum: ['NONE', 'SM4', 'AES'] } },
  EncryptMode: { description: 'CBC when EncryptType is SM4 or AES', schema: { type: 'string', enum: ['CBC'] } },
};

// XML examples live in descriptions: linters validate `example` against the schema as JSON.
const replyContent = (example?: object) => ({
  'application/xml; charset=GBK': { schema: replySchema },
  'application/json; charset=UTF-8': { schema: replySchema, ...(example ? { example } : {}) },
});

const xmlBlock = (xml: string) => `\n\n\`\`\`xml\n${xml}\`\`\``;

const errorExample = (code: string, message: string) => ({
  Version: '1.0.1',
  InstId: '00001',
  TranCode: 'CustomerCheckRes',
  TranDate: '20240101',
  TranSeq: '123456789012',
  RespCode: code,
  RespMessage: message,
});

const XML_REPLY_EXAMPLE = `<?xml version="1.0" encoding="GBK"?>
<out>
  <Version>1.0.1</Version>
  <InstId>00001</InstId>
  <TranCode>CustomerCheckRes</TranCode>
  <TranDate>20240101</TranDate>
  <TranSeq>123456789012</TranSeq>
  <RespCode>AAAAAAA</RespCode>
  <RespMessage>查询成功</RespMessage>
  <billKey>123456</billKey>
  <companyId>654321</companyId>
  <contractNo>CONTRACT001</contractNo>
  <customerName>张三</customerName>
  <customerPhone>13812345678</customerPhone>
  <customerAddress>北京市朝阳区建国路88号</customerAddress>
  <customerStatus>1</customerStatus>
  <serviceStatus>1</serviceStatus>
  <registerDate>20200101</registerDate>
  <lastPayDate>20231215</lastPayDate>
  <totalPayCount>3</totalPayCount>
  <totalPayAmount>54000</totalPayAmount>
  <filed1></filed1>
  <filed2></filed2>
  <filed3></filed3>
</out>
`;

const header = (name: string, description: string, values: string[]) => ({
  name,
  in: 'header',
  required: false,
  description,
  schema: { type: 'string', enum: values },
});

/** The OpenAPI 3.1 path item of CustomerCheck: both bodies, its headers, its RespCodes. */
export function customerCheckOpenApiPaths(path: string): Record<string, object> {
  return {
    [path]: {
      post: {
        operationId: 'customerCheck',
        tags: ['billing'],
        summary: 'A partner bank asks for a utility customer’s basic information (客户基本信息查询)',
        description:
          'GBK-encoded XML `<in>` (GB2312, GB18030 and UTF-8 also honoured, from the XML declaration or the Content-Type charset) ' +
          'or UTF-8 JSON with the same field names. Replies are GBK XML `<out>` with `<?xml version="1.0" encoding="GBK"?>` ' +
          '(characters GBK lacks as numeric character references) or JSON. With EncryptType SM4 or AES the body is ' +
          'base64(16-byte IV ‖ CBC ciphertext, PKCS#7) under the institution key, and so is the reply. An institution ' +
          'uses exactly its configured EncryptType. The X-Api-Key is checked before the body is read. For an encrypting ' +
          'institution every failure at or after decryption (bad base64, not whole blocks, bad padding, a plaintext that is ' +
          'no valid document) gets one identical reply: 403 ESECURE, encrypted, echoing nothing (no padding oracle). ' +
          'No DTD is accepted. Error replies use the same `<out>`, echoing ' +
          'Version, InstId, TranDate and TranSeq when they could be read.' +
          xmlBlock(XML_REQUEST_EXAMPLE),
        security: [{ ApiKeyAuth: [] }], // the scheme itself is in the document builder's catalogue
        parameters: [
          header('EncryptType', 'Body protection; must be the institution’s configured type (absent = NONE)', ['NONE', 'SM4', 'AES']),
          header('EncryptMode', 'Cipher mode when encrypted (absent = CBC)', ['CBC']),
          header('DataType', 'Body format (absent = from Content-Type)', ['XML', 'JSON']),
        ],
        requestBody: {
          required: true,
          content: {
            'application/xml': { schema: requestSchema },
            'application/json': { schema: requestSchema, example: JSON_REQUEST_EXAMPLE },
          },
        },
        responses: {
          '200': { description: `Customer found (RespCode AAAAAAA)${xmlBlock(XML_REPLY_EXAMPLE)}`, headers: replyHeaders, content: replyContent() },
          '400': {
            description: 'BusinessError: EPARAM1 malformed/missing field or unreadable body, ETRANCD wrong TranCode, ENOCUST customer not found',
            headers: replyHeaders,
            content: replyContent(errorExample('ENOCUST', '客户不存在')),
          },
          '403': {
            description: 'SecurityError ESECURE: missing/unknown X-Api-Key, InstId not the key’s, EncryptType not the institution’s, undecryptable body',
            headers: replyHeaders,
            content: replyContent(errorExample('ESECURE', '安全校验失败：X-Api-Key 无效')),
          },
          '413': { description: 'EPARAM1: body over the size limit', headers: replyHeaders, content: replyContent() },
          '500': { description: 'SystemError ESYSTEM', headers: replyHeaders, content: replyContent() },
        },
      },
    },
  };
}
