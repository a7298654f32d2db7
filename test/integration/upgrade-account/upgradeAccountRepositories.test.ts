import 'reflect-metadata';
import { expect } from 'chai';
import type { Container } from 'inversify';
import type { Database } from '../../../adapters/persistence/Database.js';
import { FixtureLoader } from '../../../adapters/persistence/fixtures/FixtureLoader.js';
import { InvalidFixture } from '../../../adapters/persistence/fixtures/InvalidFixture.js';
import { migrate, migrateDownAll } from '../../../adapters/persistence/migrate.js';
import { defineUpgradeAccountModels } from '../../../adapters/persistence/upgrade-account/upgradeAccountModels.js';
import { upgradeAccountPersistenceModule } from '../../../adapters/persistence/upgrade-account/upgradeAccountPersistenceModule.js';
import { UnitOfWork } from '../../../core/shared/UnitOfWork.js';
import { EddaCheckRepository, MemberRepository, UpgradeReviewRepository } from '../../../core/upgrade-account/ports.js';
import { DATABASE_KINDS } from '../../support/testDatabases.js';
import { aMemberFixture } from '../../support/MemberMother.js';
import type { EddaStatus } from '../../../core/upgrade-account/EddaStatus.js';
import { createMigratedDatabase, type MigratedDatabase } from '../../support/migratedDatabase.js';
import { rejectionOf } from '../../support/rejectionOf.js';
import { waitForLockWait } from '../../support/waitForLockWait.js';

const member = (memberId: string, eddaStatus: EddaStatus = 'EDDASuccess') => aMemberFixture({ memberId, eddaStatus });

for (const kind of DATABASE_KINDS) {
  describe(`UpgradeAccount repositories on ${kind}`, () => {
    let scratch: MigratedDatabase;
    let database: Database;
    let container: Container;

    beforeEach(async () => {
      scratch = await createMigratedDatabase(kind);
      database = scratch.database;
      container = scratch.container(upgradeAccountPersistenceModule);
    });

    afterEach(async () => {
      await scratch.close();
    });

    it('loads members with their current EDDA check and reads them back', async () => {
      await container.get(FixtureLoader).load({ members: [member('M1'), member('M2', 'New')] });
      const members = container.get<MemberRepository>(MemberRepository);
      expect(await members.findById('M1')).to.deep.equal({ memberId: 'M1', accountId: 'ACC-M1', prodName: 'AC.DIGITAL.SAV', digitalLevel: '2B' });
      expect(await members.findById('nobody')).to.equal(null);
      const checks = container.get<EddaCheckRepository>(EddaCheckRepository);
      const check = await container.get<UnitOfWork>(UnitOfWork).run(() => checks.lockCurrentForMember('M2'));
      expect(check).to.include({ memberId: 'M2', status: 'New' });
    });

    it('refuses a whole fixture file when one item is invalid, writing nothing', async () => {
      const loader = container.get(FixtureLoader);
      const error = await rejectionOf(loader.load({ members: [member('M1'), { ...member('M2'), eddaStatus: 'Bogus' }] }), InvalidFixture);
      expect(error.message).to.contain('members[1]/eddaStatus');
      expect(await container.get<MemberRepository>(MemberRepository).findById('M1')).to.equal(null);
    });

    it('refuses unknown fixture keys', async () => {
      const error = await rejectionOf(container.get(FixtureLoader).load({ memberz: [] }));
      expect(error.message).to.contain('unknown fixture key "memberz"');
    });

    it('changes a status with a history row, and records reviews, in one unit of work', async () => {
      await container.get(FixtureLoader).load({ members: [member('M1')] });
      const checks = container.get<EddaCheckRepository>(EddaCheckRepository);
      const reviews = container.get<UpgradeReviewRepository>(UpgradeReviewRepository);
      const at = new Date('2026-11-23T08:00:00Z');
      await container.get<UnitOfWork>(UnitOfWork).run(async () => {
        const check = await checks.lockCurrentForMember('M1');
        await reviews.record({
          memberId: 'M1', eddaCheckId: check!.id, isPass: true, outcome: 'APPLIED', esbTransactionId: 'T1',
          requestId: 'req-1', consumer: 'ivr', reviewedAt: at,
        });
        await checks.changeStatus(check!, { to: 'CustomerSuccess', at, requestId: 'req-1' });
      });
      const { EddaCheckHistory, UpgradeReview } = database.models(defineUpgradeAccountModels);
      const history = (await EddaCheckHistory.findAll()).map((row) => row.get());
      expect(history.map((row) => [row.from_status, row.to_status, row.request_id])).to.deep.equal([['EDDASuccess', 'CustomerSuccess', 'req-1']]);
      expect(new Date(history[0]!.changed_at).toISOString()).to.equal(at.toISOString());
      expect(await UpgradeReview.count()).to.equal(1);
    });

    it('claims a check and reads the claim back: expiry as a Date to the millisecond, the TransactionID, then the status change ends it', async () => {
      await container.get(FixtureLoader).load({ members: [member('M1')] });
      const checks = container.get<EddaCheckRepository>(EddaCheckRepository);
      const unitOfWork = container.get<UnitOfWork>(UnitOfWork);
      const expiresAt = new Date('2026-11-23T08:00:07.123Z');
      const check = await unitOfWork.run(async () => {
        const current = await checks.lockCurrentForMember('M1');
        await checks.claim(current!, { expiresAt, esbTransactionId: 'MPUPG000000000001' });
        return current!;
      });
      const claimed = await unitOfWork.run(() => checks.lockById(check.id));
      expect(claimed).to.deep.equal({ ...check, decidingUntil: expiresAt, esbTransactionId: 'MPUPG000000000001' });
      await unitOfWork.run(() => checks.changeStatus(claimed!, { to: 'CustomerSuccess', at: new Date(), requestId: 'req-1' }));
      expect(await unitOfWork.run(() => checks.lockById(check.id))).to.include({ status: 'CustomerSuccess', decidingUntil: null, esbTransactionId: 'MPUPG000000000001' });
      expect(await unitOfWork.run(() => checks.lockById(check.id + 1000))).to.equal(null);
    });

    it('rolls back every write of a unit of work that throws', async () => {
      await container.get(FixtureLoader).load({ members: [member('M1')] });
      const checks = container.get<EddaCheckRepository>(EddaCheckRepository);
      const members = container.get<MemberRepository>(MemberRepository);
      const error = await rejectionOf(
        container.get<UnitOfWork>(UnitOfWork).run(async () => {
          const check = await checks.lockCurrentForMember('M1');
          await members.setDigitalLevel('M1', '1A');
          await checks.changeStatus(check!, { to: 'CustomerSuccess', at: new Date(), requestId: 'r' });
          throw new Error('DA21 failed');
        }),
      );
      expect(error.message).to.equal('DA21 failed');
      expect((await members.findById('M1'))?.digitalLevel).to.equal('2B');
      const check = await container.get<UnitOfWork>(UnitOfWork).run(() => checks.lockCurrentForMember('M1'));
      expect(check?.status).to.equal('EDDASuccess');
      expect(await database.models(defineUpgradeAccountModels).EddaCheckHistory.count()).to.equal(0);
    });

    // MariaDB only: SQLite has no row lock (its units of work queue for its one writer instead).
    if (kind === 'mariadb') {
      it('makes a second unit of work wait for the lock on the same member', async () => {
        await container.get(FixtureLoader).load({ members: [member('M1')] });
        const checks = container.get<EddaCheckRepository>(EddaCheckRepository);
        const unitOfWork = container.get<UnitOfWork>(UnitOfWork);
        const order: string[] = [];
        let releaseFirst!: () => void;
        const firstHoldsLock = new Promise<void>((resolve) => {
          releaseFirst = resolve;
        });
        let firstLocked!: () => void;
        const locked = new Promise<void>((resolve) => {
          firstLocked = resolve;
        });
        const first = unitOfWork.run(async () => {
          await checks.lockCurrentForMember('M1');
          order.push('first locked');
          firstLocked();
          await firstHoldsLock;
          order.push('first done');
        });
        await locked;
        const second = unitOfWork.run(async () => {
          await checks.lockCurrentForMember('M1');
          order.push('second locked');
        });
        try {
          await waitForLockWait(database.sequelize, '%FROM edda_checks WHERE member_id%FOR UPDATE%', "the second unit of work to wait for the first's row lock");
        } finally {
          releaseFirst();
          await Promise.allSettled([first, second]);
        }
        await Promise.all([first, second]);
        expect(order).to.deep.equal(['first locked', 'first done', 'second locked']);
      });
    }

    it('migrates down and up again cleanly', async () => {
      await migrateDownAll(database);
      const applied = await migrate(database);
      expect(applied).to.include('20261123-0001-upgrade-account');
    });
  });
}
