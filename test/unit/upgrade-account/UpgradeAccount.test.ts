import { expect } from 'chai';
import type { EddaStatus } from '../../../core/upgrade-account/EddaStatus.js';
import {
  CustomerInfoNotFound,
  EddaNotVerified,
  AccountLevelGatewayFailed,
  AccountLevelGatewayTimedOut,
  AccountLevelGatewayUnavailable,
  UpgradeAlreadyDecided,
  UpgradeInProgress,
} from '../../../core/upgrade-account/errors.js';
import { esbTransactionIdFor } from '../../../core/upgrade-account/decideUpgrade.js';
import { UpgradeAccount } from '../../../core/upgrade-account/UpgradeAccount.js';
import { ManualClock } from '../../support/ManualClock.js';
import { InMemoryUnitOfWork } from '../../support/InMemoryUnitOfWork.js';
import { InMemoryEddaCheckRepository } from '../../support/InMemoryEddaCheckRepository.js';
import { InMemoryMemberRepository } from '../../support/InMemoryMemberRepository.js';
import { InMemoryUpgradeReviewRepository } from '../../support/InMemoryUpgradeReviewRepository.js';
import { InMemoryAccountLevelGateway } from '../../support/InMemoryAccountLevelGateway.js';
import { rejectionOf } from '../../support/rejectionOf.js';
import { aMember } from '../../support/MemberMother.js';

const context = { requestId: 'req-1', consumer: 'ivr' };
const CLAIM_MS = 10_000;

function world(status: EddaStatus | null = 'EDDASuccess') {
  const members = new InMemoryMemberRepository().add(aMember());
  const checks = new InMemoryEddaCheckRepository();
  if (status) checks.add('M1', status);
  const reviews = new InMemoryUpgradeReviewRepository();
  const gateway = new InMemoryAccountLevelGateway();
  const unitOfWork = new InMemoryUnitOfWork([members, checks, reviews]);
  const clock = new ManualClock();
  const useCase = new UpgradeAccount(unitOfWork, members, checks, reviews, gateway, clock, '1A', CLAIM_MS);
  /** The same database seen by another instance of the service (its own in-process state). */
  const otherInstance = () => new UpgradeAccount(unitOfWork, members, checks, reviews, gateway, clock, '1A', CLAIM_MS);
  return { members, checks, reviews, gateway, unitOfWork, useCase, clock, otherInstance };
}

describe('UpgradeAccount', () => {
  it('upgrades the account through DA21 and marks the check CustomerSuccess when the video check passed', async () => {
    const { useCase, gateway, members, checks, reviews } = world();
    await useCase.execute({ memberId: 'M1', isPass: true }, context);
    expect(gateway.calls).to.deep.equal([
      { transactionId: esbTransactionIdFor({ id: 1 }), accountId: 'AA19337Z8L29', prodName: 'AC.DIGITAL.SAV', level: '1A', requestedAt: new ManualClock().now() },
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
    const error = await rejectionOf(useCase.execute({ memberId: 'nobody', isPass: true }, context), CustomerInfoNotFound);
    expect(error).to.be.instanceOf(CustomerInfoNotFound);
    expect(error.code).to.equal('CUSTOMER_INFO_NOT_FOUND');
    expect(gateway.calls).to.have.length(0);
  });

  for (const status of ['New', 'EDDAExpired', 'EDDAFailure'] as const) {
    it(`refuses with EDDA_NOT_VERIFIED from ${status} and changes nothing`, async () => {
      const { useCase, gateway, checks, reviews } = world(status);
      const error = await rejectionOf(useCase.execute({ memberId: 'M1', isPass: true }, context), EddaNotVerified);
      expect(error).to.be.instanceOf(EddaNotVerified);
      expect(error.code).to.equal('EDDA_NOT_VERIFIED');
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
    const afterFailure = await rejectionOf(failed.useCase.execute({ memberId: 'M1', isPass: true }, context), UpgradeAlreadyDecided);
    expect(afterFailure.code).to.equal('UPGRADE_ALREADY_DECIDED');
    expect(failed.gateway.calls).to.have.length(0);
  });

  for (const [answer, errorClass] of [
    ['refuse', AccountLevelGatewayFailed],
    ['timeout', AccountLevelGatewayTimedOut],
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

  it('calls DA21 with no unit of work open: claim, call, record are separate', async () => {
    const { useCase, gateway, unitOfWork } = world();
    const openDuringCall: boolean[] = [];
    gateway.duringCall = () => openDuringCall.push(unitOfWork.isOpen);
    await useCase.execute({ memberId: 'M1', isPass: true }, context);
    expect(openDuringCall).to.deep.equal([false]);
    expect(unitOfWork.runs).to.equal(2);
  });

  it('marks the check as being decided, with an expiry from the clock and the TransactionID, while DA21 runs', async () => {
    const { useCase, gateway, checks, clock } = world();
    const seen: unknown[] = [];
    gateway.duringCall = () => seen.push({ ...checks.currentOf('M1') });
    await useCase.execute({ memberId: 'M1', isPass: true }, context);
    expect(seen).to.deep.equal([
      { id: 1, memberId: 'M1', status: 'EDDASuccess', decidingUntil: new Date(clock.now().getTime() + CLAIM_MS), esbTransactionId: esbTransactionIdFor({ id: 1 }) },
    ]);
    expect(checks.currentOf('M1')).to.include({ status: 'CustomerSuccess', decidingUntil: null });
  });

  it('answers UPGRADE_IN_PROGRESS to another instance while the decision is claimed, and makes no DA21 call for it', async () => {
    const { useCase, gateway, otherInstance } = world();
    gateway.answer = 'never';
    void useCase.execute({ memberId: 'M1', isPass: true }, context);
    await new Promise((resolve) => setImmediate(resolve));
    expect(gateway.calls).to.have.length(1);
    const error = await rejectionOf(otherInstance().execute({ memberId: 'M1', isPass: true }, context), UpgradeInProgress);
    expect(error).to.be.instanceOf(UpgradeInProgress);
    expect(error.code).to.equal('UPGRADE_IN_PROGRESS');
    expect(gateway.calls).to.have.length(1);
  });

  it('answers UPGRADE_IN_PROGRESS in the same instance to the opposite result while a pass is in flight', async () => {
    const { useCase, gateway, checks } = world();
    gateway.answer = 'never';
    void useCase.execute({ memberId: 'M1', isPass: true }, context);
    await new Promise((resolve) => setImmediate(resolve));
    const error = await rejectionOf(useCase.execute({ memberId: 'M1', isPass: false }, context));
    expect(error).to.be.instanceOf(UpgradeInProgress);
    expect(checks.statusOf('M1')).to.equal('EDDASuccess');
  });

  it('after a crash between claim and record, a retry waits for the claim to expire and reuses the TransactionID', async () => {
    const { useCase, gateway, checks, reviews, clock, otherInstance } = world();
    gateway.answer = 'never'; // the process dies while DA21 is in flight: nothing after the claim happens
    void useCase.execute({ memberId: 'M1', isPass: true }, context);
    await new Promise((resolve) => setImmediate(resolve));

    const restarted = otherInstance();
    gateway.answer = 'ok';
    clock.advance(CLAIM_MS - 1);
    expect(await rejectionOf(restarted.execute({ memberId: 'M1', isPass: true }, context))).to.be.instanceOf(UpgradeInProgress);
    clock.advance(1);
    await restarted.execute({ memberId: 'M1', isPass: true }, { ...context, requestId: 'req-retry' });
    expect(gateway.calls).to.have.length(2);
    expect(gateway.calls[1]!.transactionId).to.equal(gateway.calls[0]!.transactionId);
    expect(checks.statusOf('M1')).to.equal('CustomerSuccess');
    expect(reviews.reviews.map((review) => [review.outcome, review.requestId])).to.deep.equal([['APPLIED', 'req-retry']]);
  });

  it('frees the claim when DA21 fails, so a retry can start at once', async () => {
    const { useCase, gateway, checks } = world();
    gateway.answer = 'timeout';
    await rejectionOf(useCase.execute({ memberId: 'M1', isPass: true }, context));
    expect(checks.currentOf('M1')).to.include({ status: 'EDDASuccess', decidingUntil: null, esbTransactionId: esbTransactionIdFor({ id: 1 }) });
  });

  it('answers ESB_UNAVAILABLE when the gateway refuses to call, changes nothing and audits the attempt', async () => {
    const { useCase, gateway, checks, members, reviews } = world();
    gateway.answer = 'unavailable';
    const error = await rejectionOf(useCase.execute({ memberId: 'M1', isPass: true }, context), AccountLevelGatewayUnavailable);
    expect(error).to.be.instanceOf(AccountLevelGatewayUnavailable);
    expect(error.code).to.equal('ESB_UNAVAILABLE');
    expect(checks.currentOf('M1')).to.include({ status: 'EDDASuccess', decidingUntil: null });
    expect((await members.findById('M1'))?.digitalLevel).to.equal('2B');
    expect(reviews.reviews.map((review) => review.outcome)).to.deep.equal(['ESB_UNAVAILABLE']);
  });
});
