import { expect } from 'chai';
import type { EddaStatus } from '../../../core/upgrade-account/EddaStatus.js';
import {
  CustomerInfoNotFound,
  EddaNotVerified,
  EsbDa21Failed,
  EsbTimeout,
  UpgradeAlreadyDecided,
} from '../../../core/upgrade-account/errors.js';
import { esbTransactionIdFor } from '../../../core/upgrade-account/decideUpgrade.js';
import { UpgradeAccount } from '../../../core/upgrade-account/UpgradeAccount.js';
import { FixedClock } from '../../support/FixedClock.js';
import { InMemoryUnitOfWork } from '../../support/InMemoryUnitOfWork.js';
import {
  InMemoryEddaChecks,
  InMemoryMembers,
  InMemoryReviews,
  ScriptedAccountLevelGateway,
} from '../../support/InMemoryUpgradeAccountPorts.js';

const context = { requestId: 'req-1', consumer: 'ivr' };
const CLAIM_MS = 10_000;

function world(status: EddaStatus | null = 'EDDASuccess') {
  const members = new InMemoryMembers().add({ memberId: 'M1', accountId: 'AA19337Z8L29', prodName: 'AC.DIGITAL.SAV', digitalLevel: '2B' });
  const checks = new InMemoryEddaChecks();
  if (status) checks.add('M1', status);
  const reviews = new InMemoryReviews();
  const gateway = new ScriptedAccountLevelGateway();
  const unitOfWork = new InMemoryUnitOfWork([members, checks, reviews]);
  const useCase = new UpgradeAccount(unitOfWork, members, checks, reviews, gateway, new FixedClock(), '1A', CLAIM_MS);
  return { members, checks, reviews, gateway, unitOfWork, useCase };
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('UpgradeAccount', () => {
  it('upgrades the account through DA21 and marks the check CustomerSuccess when the video check passed', async () => {
    const { useCase, gateway, members, checks, reviews } = world();
    await useCase.execute({ memberId: 'M1', isPass: true }, context);
    expect(gateway.calls).to.deep.equal([
      { transactionId: esbTransactionIdFor({ id: 1 }), accountId: 'AA19337Z8L29', prodName: 'AC.DIGITAL.SAV', level: '1A' },
    ]);
    expect((await members.findById('M1'))?.digitalLevel).to.equal('1A');
    expect(checks.statusOf('M1')).to.equal('CustomerSuccess');
    expect(reviews.reviews).to.have.length(1);
    expect(reviews.reviews[0]).to.include({ memberId: 'M1', isPass: true, outcome: 'APPLIED', requestId: 'req-1', consumer: 'ivr' });
    expect(checks.history).to.have.length(1);
    expect(checks.history[0]!.from).to.equal('EDDASuccess');
  });

  it('does not call DA21 when the video check failed, and marks the check CustomerFailure', async () => {
    const { useCase, gateway, members, checks, reviews } = world();
    await useCase.execute({ memberId: 'M1', isPass: false }, context);
    expect(gateway.calls).to.deep.equal([]);
    expect((await members.findById('M1'))?.digitalLevel).to.equal('2B');
    expect(checks.statusOf('M1')).to.equal('CustomerFailure');
    expect(reviews.reviews[0]).to.include({ isPass: false, outcome: 'APPLIED', esbTransactionId: null });
  });

  it('answers CUSTOMER_INFO_NOT_FOUND for an unknown member', async () => {
    const { useCase, gateway } = world();
    const error = await rejectionOf(useCase.execute({ memberId: 'nobody', isPass: true }, context));
    expect(error).to.be.instanceOf(CustomerInfoNotFound);
    expect((error as CustomerInfoNotFound).code).to.equal('CUSTOMER_INFO_NOT_FOUND');
    expect(gateway.calls).to.have.length(0);
  });

  for (const status of ['New', 'EDDAExpired', 'EDDAFailure'] as const) {
    it(`refuses with EDDA_NOT_VERIFIED from ${status} and changes nothing`, async () => {
      const { useCase, gateway, checks, reviews } = world(status);
      const error = await rejectionOf(useCase.execute({ memberId: 'M1', isPass: true }, context));
      expect(error).to.be.instanceOf(EddaNotVerified);
      expect((error as EddaNotVerified).code).to.equal('EDDA_NOT_VERIFIED');
      expect(gateway.calls).to.have.length(0);
      expect(checks.statusOf('M1')).to.equal(status);
      expect(reviews.reviews).to.have.length(0);
    });
  }

  it('refuses with EDDA_NOT_VERIFIED when the member has no EDDA check at all', async () => {
    const { useCase } = world(null);
    const error = await rejectionOf(useCase.execute({ memberId: 'M1', isPass: true }, context));
    expect(error).to.be.instanceOf(EddaNotVerified);
  });

  it('treats a repeated pass as already applied: success, no second DA21 call', async () => {
    const { useCase, gateway, reviews } = world();
    await useCase.execute({ memberId: 'M1', isPass: true }, context);
    await useCase.execute({ memberId: 'M1', isPass: true }, { ...context, requestId: 'req-2' });
    expect(gateway.calls).to.have.length(1);
    expect(reviews.reviews).to.have.length(1);
  });

  it('treats a repeated failure as already applied', async () => {
    const { useCase, checks } = world();
    await useCase.execute({ memberId: 'M1', isPass: false }, context);
    await useCase.execute({ memberId: 'M1', isPass: false }, context);
    expect(checks.statusOf('M1')).to.equal('CustomerFailure');
    expect(checks.history).to.have.length(1);
  });

  it('refuses the opposite result after a final one with UPGRADE_ALREADY_DECIDED', async () => {
    const passed = world();
    await passed.useCase.execute({ memberId: 'M1', isPass: true }, context);
    const afterPass = await rejectionOf(passed.useCase.execute({ memberId: 'M1', isPass: false }, context));
    expect(afterPass).to.be.instanceOf(UpgradeAlreadyDecided);
    expect(passed.checks.statusOf('M1')).to.equal('CustomerSuccess');

    const failed = world();
    await failed.useCase.execute({ memberId: 'M1', isPass: false }, context);
    const afterFailure = await rejectionOf(failed.useCase.execute({ memberId: 'M1', isPass: true }, context));
    expect((afterFailure as UpgradeAlreadyDecided).code).to.equal('UPGRADE_ALREADY_DECIDED');
    expect(failed.gateway.calls).to.have.length(0);
  });

  for (const [answer, errorClass] of [
    ['refuse', EsbDa21Failed],
    ['timeout', EsbTimeout],
  ] as const) {
    it(`leaves status and level unchanged when DA21 answers ${answer}, and audits the failed attempt`, async () => {
      const { useCase, gateway, members, checks, reviews } = world();
      gateway.answer = answer;
      const error = await rejectionOf(useCase.execute({ memberId: 'M1', isPass: true }, context));
      expect(error).to.be.instanceOf(errorClass);
      expect(checks.statusOf('M1')).to.equal('EDDASuccess');
      expect((await members.findById('M1'))?.digitalLevel).to.equal('2B');
      expect(checks.history).to.have.length(0);
      expect(reviews.reviews.map((review) => review.outcome)).to.deep.equal([answer === 'refuse' ? 'ESB_DA21_FAILED' : 'ESB_TIMEOUT']);
    });
  }

  it('reuses the same ESB TransactionID when a failed DA21 call is retried', async () => {
    const { useCase, gateway, checks } = world();
    gateway.answer = 'timeout';
    await rejectionOf(useCase.execute({ memberId: 'M1', isPass: true }, context));
    gateway.answer = 'ok';
    await useCase.execute({ memberId: 'M1', isPass: true }, { ...context, requestId: 'req-retry' });
    expect(gateway.calls).to.have.length(2);
    expect(gateway.calls[0]!.transactionId).to.equal(gateway.calls[1]!.transactionId);
    expect(checks.statusOf('M1')).to.equal('CustomerSuccess');
  });

  it('gives different EDDA checks different TransactionIDs', () => {
    const first = esbTransactionIdFor({ id: 1 });
    const second = esbTransactionIdFor({ id: 2 });
    expect(first).to.not.equal(second);
  });

  it('makes one DA21 call when several requests for one member arrive at once', async () => {
    const { useCase, gateway } = world();
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, (_, index) => useCase.execute({ memberId: 'M1', isPass: true }, { ...context, requestId: `r${index}` })),
    );
    expect(results.every((result) => result.status === 'fulfilled')).to.equal(true);
    expect(gateway.calls).to.have.length(1);
  });
});
