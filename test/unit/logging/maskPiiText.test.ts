import { expect } from 'chai';
import { maskPiiText } from '../../../adapters/logging/maskPiiText.js';

/** What must never survive masking, whatever shape the reply takes. */
const CLEAR = /Wang|Xiaoming|60123456789|123456789|900101|5678|Siti|Aminah|Jalan|K1234567|wang@/;

describe('PII masking of partner text (replies, errors, free-text reasons)', () => {
  it('masks the reply of issue 20: a name, a phone in prose, an XML element and a quoted key', () => {
    const reply = "name: Wang Xiaoming, phone +60123456789, <phone>+60123456789</phone> 'idNo': 'A123456789'";
    const masked = maskPiiText(reply);
    expect(masked).to.equal("name: Wan****ing, phone +60****789, <phone>+60****789</phone> 'idNo': 'A12****789'");
  });

  it('knows the partner identifiers by key: first_name, surname, nric, ic_number, passport_no, mailing', () => {
    const reply = JSON.stringify({
      retcode: 1,
      first_name: 'Siti',
      surname: 'Aminah',
      nric: '900101-14-5678',
      ic_number: '900101145678',
      passport_no: 'K12345678',
      mailing: 'No 1 Jalan Ampang',
      occupation: '10009',
    });
    const masked = JSON.parse(maskPiiText(reply)) as Record<string, unknown>;
    expect(masked).to.deep.equal({
      retcode: 1,
      first_name: '****',
      surname: 'A****h',
      nric: '900****678',
      ic_number: '900****678',
      passport_no: 'K12****678',
      mailing: 'No ****ang',
      occupation: '10009',
    });
  });

  it('finds phone, NRIC/IC, passport and e-mail in free text, whatever the key', () => {
    const text = 'call 012-345 6789 or +60 12-345 6789; IC 900101-14-5678 / 900101145678, passport K1234567, mail wang@example.my';
    const masked = maskPiiText(text);
    expect(masked).not.to.match(CLEAR);
    expect(masked).to.equal('call 012****789 or +60****789; IC 900****678 / 900****678, passport K12****567, mail wan****.my');
  });

  it('masks a JSON document inside a JSON string, whole or cut short', () => {
    const inner = JSON.stringify({ name: 'Wang Xiaoming', phone: '+60123456789' });
    const whole = JSON.stringify({ retcode: 500, detail: inner });
    expect(maskPiiText(whole)).not.to.match(CLEAR);
    expect(JSON.parse(JSON.parse(maskPiiText(whole)).detail)).to.deep.equal({ name: 'Wan****ing', phone: '+60****789' });
    const cut = whole.slice(0, whole.length - 5);
    expect(maskPiiText(cut)).not.to.match(CLEAR);
  });

  it('masks a list of phones past the 1 KiB cut', () => {
    const cut = `{"retcode":1,"padding":"${'x'.repeat(1000)}","phones": ["+60123456789", "+60198765432`;
    const masked = maskPiiText(cut);
    expect(masked).not.to.match(/60123456789|60198765432/);
    expect(masked).to.contain('"phones": ["+60****789", "+60****432');
    expect(maskPiiText('{"retcode":1,"names": ["Wang Xiaoming"]')).to.equal('{"retcode":1,"names": ["Wan****ing"]');
  });

  it('masks key=value and key: value pairs, and XML elements and attributes', () => {
    expect(maskPiiText('HTTP 400: phone=+60123456789&retcode=1')).to.equal('HTTP 400: phone=+60****789&retcode=1');
    expect(maskPiiText('<r><surname>Aminah</surname><first_name>Siti</first_name><code>7</code></r>')).to.equal(
      '<r><surname>A****h</surname><first_name>****</first_name><code>7</code></r>',
    );
    expect(maskPiiText('<customer name="Wang Xiaoming" level="2"/>')).to.equal('<customer name="Wan****ing" level="2"/>');
    expect(maskPiiText('Passport No: K12345678; status=REJECTED')).to.equal('Passport No: K12****678; status=REJECTED');
  });

  it('leaves message ids, dates, times, addresses of hosts, codes and small numbers alone', () => {
    const text = 'event 0192e6a0-0000-7000-8000-000000000004 at 2026-12-06 18:20:31 from 10.20.30.40: retcode 500, HTTP 503, attempt 3 of 12';
    expect(maskPiiText(text)).to.equal(text);
    expect(maskPiiText('{"retcode":0,"msg":"success"}')).to.equal('{"retcode":0,"msg":"success"}');
    expect(maskPiiText('{"name": null, "surname": ""}')).to.equal('{"name":null,"surname":"****"}');
  });
});
