import { expect } from 'chai';
import fc from 'fast-check';
import { inList, powerOfTwoRuns } from '../../../adapters/persistence/sqlList.js';

describe('sqlList: lists in SQL through a few placeholder shapes', () => {
  it('pads a list to the next power of two with its last item, so 1..1000 items take 11 texts', () => {
    expect(inList([7, 8, 9])).to.deep.equal({ placeholders: '?, ?, ?, ?', values: [7, 8, 9, 9] });
    expect(inList(['a'])).to.deep.equal({ placeholders: '?', values: ['a'] });
    const shapes = new Set(Array.from({ length: 1000 }, (_, n) => inList(Array.from({ length: n + 1 }, (_, i) => i)).placeholders));
    expect(shapes.size).to.equal(11);
  });

  it('matches nothing with an empty list', () => {
    expect(inList([])).to.deep.equal({ placeholders: 'NULL', values: [] });
  });

  it('keeps every item, and only those, whatever the list', () => {
    fc.assert(
      fc.property(fc.array(fc.integer(), { minLength: 1, maxLength: 300 }), (items) => {
        const { placeholders, values } = inList(items);
        expect(placeholders.split(', ')).to.have.length(values.length);
        expect(new Set(values)).to.deep.equal(new Set(items));
      }),
    );
  });

  it('cuts rows into runs of powers of two, in order (13 → 8, 4, 1)', () => {
    expect(powerOfTwoRuns([...'abcdefghijklm']).map((run) => run.join(''))).to.deep.equal(['abcdefgh', 'ijkl', 'm']);
    expect(powerOfTwoRuns([])).to.deep.equal([]);
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 300 }), (rows) => {
        const runs = powerOfTwoRuns(rows);
        expect(runs.flat()).to.deep.equal(rows);
        for (const run of runs) expect(Number.isInteger(Math.log2(run.length))).to.equal(true);
      }),
    );
  });
});
