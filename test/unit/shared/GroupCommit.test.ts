import { expect } from 'chai';
import { GroupCommit } from '../../../core/shared/GroupCommit.js';
import { rejectionOf } from '../../support/rejectionOf.js';

describe('GroupCommit', () => {
  it('commits the first item at once and those arriving meanwhile together, each given its own result', async () => {
    const commits: number[][] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const group = new GroupCommit<number, string>(async (items) => {
      commits.push([...items]);
      if (commits.length === 1) await held;
      return items.map((item) => `r${item}`);
    }, 10);
    const first = group.add(1);
    const rest = [group.add(2), group.add(3), group.add(4)];
    release();
    expect(await Promise.all([first, ...rest])).to.deep.equal(['r1', 'r2', 'r3', 'r4']);
    expect(commits).to.deep.equal([[1], [2, 3, 4]]);
  });

  it('bounds a commit to maxBatch items', async () => {
    const commits: number[][] = [];
    const group = new GroupCommit<number>(async (items) => {
      commits.push([...items]);
    }, 2);
    await Promise.all([1, 2, 3, 4, 5].map((item) => group.add(item)));
    expect(commits).to.deep.equal([[1], [2, 3], [4, 5]]);
  });

  it('fails every item of a failed commit, and goes on with the next', async () => {
    let calls = 0;
    const group = new GroupCommit<number, boolean>(async (items) => {
      calls += 1;
      if (calls === 1) throw new Error('deadlock');
      return items.map(() => true);
    }, 10);
    const failed = group.add(1);
    const next = group.add(2);
    expect((await rejectionOf(failed)).message).to.equal('deadlock');
    expect(await next).to.equal(true);
  });
});
