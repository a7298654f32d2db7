import { expect } from 'chai';
import type { Column } from '../../../adapters/persistence/get-create-info/createInfoTables.js';
import { fromRow, specialMaskOf, specialNamesOf, toRow } from '../../../adapters/persistence/get-create-info/rowCodec.js';

const column = (kind: Column['kind'], field = 'value'): Column => ({ field, column: 'v', kind });

describe('rowCodec', () => {
  it('maps the special bit mask to names: bit 1 is NextUserLoan, unknown bits are not named', () => {
    expect(specialNamesOf(0)).to.deep.equal([]);
    expect(specialNamesOf(1)).to.deep.equal(['NextUserLoan']);
    expect(specialNamesOf(2)).to.deep.equal([]);
    expect(specialNamesOf(3)).to.deep.equal(['NextUserLoan']);
    expect(specialMaskOf(['NextUserLoan'])).to.equal(1);
    expect(specialMaskOf([])).to.equal(0);
  });

  it('formats date-times as YYYY-MM-DD HH:mm:ss whatever the driver gives', () => {
    const dateTime = [column('dateTime')];
    expect(fromRow(dateTime, { v: new Date('2020-04-09T05:21:07.000Z') })).to.deep.equal({ value: '2020-04-09 05:21:07' });
    expect(fromRow(dateTime, { v: '2020-04-09 05:21:07.000 +00:00' })).to.deep.equal({ value: '2020-04-09 05:21:07' });
    expect(fromRow(dateTime, { v: '2020-04-09 05:21:07' })).to.deep.equal({ value: '2020-04-09 05:21:07' });
  });

  it('formats agreedDate-like fields as ISO with milliseconds, as the seed example', () => {
    const iso = [column('isoDateTime')];
    expect(fromRow(iso, { v: new Date('2020-05-13T09:44:50.780Z') })).to.deep.equal({ value: '2020-05-13T09:44:50.780Z' });
    expect(fromRow(iso, { v: '2020-05-13 09:44:50.780 +00:00' })).to.deep.equal({ value: '2020-05-13T09:44:50.780Z' });
    expect(fromRow(iso, { v: '2020-05-13 09:44:50.78' })).to.deep.equal({ value: '2020-05-13T09:44:50.780Z' });
  });

  it('formats dates as YYYY-MM-DD and times as HH:mm:ss', () => {
    expect(fromRow([column('date')], { v: new Date('2020-02-12T00:00:00Z') })).to.deep.equal({ value: '2020-02-12' });
    expect(fromRow([column('date')], { v: '2020-02-12' })).to.deep.equal({ value: '2020-02-12' });
    expect(fromRow([column('time')], { v: '07:51:28' })).to.deep.equal({ value: '07:51:28' });
  });

  it('reads 0/1 as booleans and keeps null as null', () => {
    const flag = [column('boolean')];
    expect(fromRow(flag, { v: 1 })).to.deep.equal({ value: true });
    expect(fromRow(flag, { v: 0 })).to.deep.equal({ value: false });
    expect(fromRow(flag, { v: null })).to.deep.equal({ value: null });
  });

  it('stores {code, name} in two columns and reads null back when the code is null', () => {
    const columns: Column[] = [
      { field: 'industry', column: 'industry_code', kind: 'code' },
      { field: 'industry', column: 'industry_name', kind: 'name' },
    ];
    const row = toRow(columns, { industry: { code: '14220', name: '公用事業設施工程業' } });
    expect(row).to.deep.equal({ industry_code: '14220', industry_name: '公用事業設施工程業' });
    expect(fromRow(columns, row)).to.deep.equal({ industry: { code: '14220', name: '公用事業設施工程業' } });
    expect(fromRow(columns, { industry_code: null, industry_name: null })).to.deep.equal({ industry: null });
  });
});
