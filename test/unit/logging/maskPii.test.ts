import { Writable } from 'node:stream';
import { expect } from 'chai';
import { DatabaseError } from 'sequelize';
import { cleanErrorMessage } from '../../../adapters/logging/describeError.js';
import { createLogger } from '../../../adapters/logging/Logger.js';
import { maskPii, maskValue } from '../../../adapters/logging/maskPii.js';
import { DatabaseUnavailable } from '../../../core/shared/DatabaseUnavailable.js';

function capturingLogger() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(chunk.toString('utf8'));
      callback();
    },
  });
  return { logger: createLogger('info', destination), lines };
}

/** What mysql2 throws for a duplicate key, wrapped by Sequelize as it does: values in message, sql and parameters. */
function duplicateKeyError(): DatabaseError {
  const driverError = Object.assign(new Error("Duplicate entry 'A123456789' for key 'members.idno'"), {
    code: 'ER_DUP_ENTRY',
    errno: 1062,
    sql: "INSERT INTO `members` (`idno`,`phone`) VALUES ('A123456789','0912345678')",
    parameters: ['A123456789', '0912345678'],
  });
  return new DatabaseError(driverError as never);
}

describe('PII masking in logs', () => {
  it('masks a national ID as A12****789', () => {
    expect(maskValue('A123456789')).to.equal('A12****789');
    expect(maskValue('0912345678')).to.equal('091****678');
    expect(maskValue('王小明')).to.equal('****');
  });

  it('masks personal and secret keys at any depth, whatever their case, and leaves the rest', () => {
    const masked = maskPii({
      requestId: 'r1',
      member: { idno: 'A123456789', Phone: '0912345678', name: '陳美玲', level: '2B' },
      headers: { acstkn: 'demo-ivr-token', 'x-api-key': 'demo-billing-api-key-00001' },
      list: [{ customerName: '王小明', customerAddress: '臺北市信義區市府路1號' }],
    });
    expect(masked).to.deep.equal({
      requestId: 'r1',
      member: { idno: 'A12****789', Phone: '091****678', name: '****', level: '2B' },
      headers: { acstkn: 'dem****ken', 'x-api-key': 'dem****001' },
      list: [{ customerName: '****', customerAddress: '臺北市****路1號' }],
    });
  });

  it('masks through the real logger, not only the helper', () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        lines.push(chunk.toString('utf8'));
        callback();
      },
    });
    createLogger('info', destination).info({ idno: 'A123456789', secret: 'whsec_abcdef123456', route: '/x' }, 'something happened');
    expect(lines).to.have.length(1);
    expect(lines[0]).to.not.contain('A123456789');
    expect(lines[0]).to.not.contain('whsec_abcdef123456');
    expect(JSON.parse(lines[0]!)).to.include({ idno: 'A12****789', route: '/x', msg: 'something happened' });
  });

  it('matches key names whatever their case, underscores and dashes', () => {
    const masked = maskPii({
      phoneNumber: '0912345678',
      customer_phone: '13812345678',
      id_no: 'A123456789',
      ID_NO: 'B223456789',
      accountId: '00112233445566',
      'webhook-signature': 'v1,abcdefghijklmnop',
      route: '/billing/CustomerCheck',
    });
    expect(masked).to.deep.equal({
      phoneNumber: '091****678',
      customer_phone: '138****678',
      id_no: 'A12****789',
      ID_NO: 'B22****789',
      accountId: '001****566',
      'webhook-signature': 'v1,****nop',
      route: '/billing/CustomerCheck',
    });
  });

  it('masks at any depth (here 40 levels down), without recursion limits', () => {
    let deep: Record<string, unknown> = { idno: 'A123456789', level: '2B' };
    for (let level = 0; level < 40; level += 1) deep = { nested: deep };
    const text = JSON.stringify(maskPii(deep));
    expect(text).not.to.contain('A123456789');
    expect(text).to.contain('A12****789');
    expect(text).to.contain('2B');
    let veryDeep: Record<string, unknown> = { phone: '0912345678', level: '2B' };
    for (let level = 0; level < 20000; level += 1) veryDeep = { n: veryDeep };
    let masked = maskPii(veryDeep) as Record<string, unknown>;
    for (let level = 0; level < 20000; level += 1) masked = masked.n as Record<string, unknown>;
    expect(masked).to.deep.equal({ phone: '091****678', level: '2B' });
  });

  it('survives circular records', () => {
    const record: Record<string, unknown> = { idno: 'A123456789' };
    record.self = record;
    const masked = maskPii(record) as Record<string, unknown>;
    expect(masked.idno).to.equal('A12****789');
    expect(masked.self).to.equal(masked);
  });

  it('returns a flat record without sensitive keys as it is, uncopied (the access log stays cheap)', () => {
    const line = { requestId: 'r1', method: 'POST', route: '/x', status: 200, durationMs: 1.2, consumer: 'ivr' };
    expect(maskPii(line)).to.equal(line);
  });

  it('reduces an error anywhere in a record to type, code and a message without values', () => {
    const masked = maskPii({ requestId: 'r1', outcome: { failure: duplicateKeyError() } }) as { outcome: { failure: Record<string, unknown> } };
    const failure = masked.outcome.failure;
    expect(failure).to.include({ type: 'SequelizeDatabaseError', code: 'ER_DUP_ENTRY', message: 'Duplicate entry ? for key ?' });
    expect(Object.keys(failure).sort()).to.deep.equal(['code', 'message', 'stack', 'type']);
    expect(JSON.stringify(masked)).not.to.match(/A123456789|0912345678|INSERT/);
  });

  it('removes quoted values and long numbers from driver messages', () => {
    expect(cleanErrorMessage("Duplicate entry 'A123456789-0912345678' for key 'idno'")).to.equal('Duplicate entry ? for key ?');
    expect(cleanErrorMessage('Incorrect string value: "\\xF0\\x9F" for column `name` at row 1')).to.equal('Incorrect string value: ? for column ? at row 1');
    expect(cleanErrorMessage('member A123456789 phone 0912345678 not found')).to.equal('member A? phone ? not found');
  });

  it('logs a database error through the real logger as type, code and cleaned message only, under err or alone', () => {
    const { logger, lines } = capturingLogger();
    logger.error({ err: duplicateKeyError(), requestId: 'r1' }, 'request failed');
    logger.error(duplicateKeyError());
    logger.error({ err: duplicateKeyError() });
    expect(lines).to.have.length(3);
    for (const line of lines) {
      expect(line).not.to.match(/A123456789|0912345678|INSERT|parameters|"sql"|original/);
      expect(JSON.parse(line).err).to.include({ type: 'SequelizeDatabaseError', code: 'ER_DUP_ENTRY', message: 'Duplicate entry ? for key ?' });
    }
    expect(JSON.parse(lines[1]!).msg).to.equal('Duplicate entry ? for key ?');
  });

  it('logs a DatabaseUnavailable as the driver failure it carries, exactly as that failure alone', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3306'), { code: 'ECONNREFUSED' });
    const { logger, lines } = capturingLogger();
    for (const error of [refused, new DatabaseUnavailable({ cause: refused })]) {
      logger.error({ err: error, requestId: 'r1' }, 'request failed');
      logger.error(error);
    }
    const withoutTime = lines.map((line) => ({ ...JSON.parse(line), time: undefined }));
    expect(withoutTime[0].err).to.include({ type: 'Error', code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:3306' });
    expect(withoutTime.slice(2)).to.deep.equal(withoutTime.slice(0, 2));
  });
});
