import { expect } from 'chai';
import { dateOfSqlText, rowDate, sqliteDateText } from '../../../adapters/persistence/sqlDate.js';

describe('sqlDate: a date column read as text', () => {
  it('reads MySQL text (dateStrings) and SQLite text (as Sequelize writes it) as UTC, to the millisecond', () => {
    expect(dateOfSqlText('2026-11-23 09:00:00').toISOString()).to.equal('2026-11-23T09:00:00.000Z');
    expect(dateOfSqlText('2026-11-23 09:00:00.25').toISOString()).to.equal('2026-11-23T09:00:00.250Z');
    expect(dateOfSqlText('2026-11-23 09:00:00.123456').toISOString()).to.equal('2026-11-23T09:00:00.123Z');
    expect(dateOfSqlText('2026-11-23 09:00:00.250 +00:00').toISOString()).to.equal('2026-11-23T09:00:00.250Z');
  });

  it('reads back what it writes for SQLite, and passes a driver Date through', () => {
    const at = new Date('2026-01-02T03:04:05.678Z');
    expect(sqliteDateText(at)).to.equal('2026-01-02 03:04:05.678 +00:00');
    expect(rowDate(sqliteDateText(at))).to.deep.equal(at);
    expect(rowDate(at)).to.equal(at);
  });

  it('refuses text that is no date-time', () => {
    expect(() => dateOfSqlText('yesterday')).to.throw('not a SQL date-time');
  });
});
