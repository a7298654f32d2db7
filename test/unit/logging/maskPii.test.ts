import { Writable } from 'node:stream';
import { expect } from 'chai';
import { createLogger } from '../../../adapters/logging/Logger.js';
import { maskPii, maskValue } from '../../../adapters/logging/maskPii.js';

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
});
