import { expect } from 'chai';
import fc from 'fast-check';
import type { ApplicationRecord } from '../../../core/get-create-info/Application.js';
import { GetCreateInfo } from '../../../core/get-create-info/GetCreateInfo.js';
import { FixtureLoader } from '../../../adapters/persistence/fixtures/FixtureLoader.js';
import { anyApplication, withConsistentKeys } from '../../support/applicationArbitrary.js';
import { DATABASE_KINDS } from '../../support/testDatabases.js';
import { startTestService, type TestService } from '../../support/startTestService.js';

/** The oracle of SPEC 4's abnormalPid: other applications' national IDs on the same phone. */
function expectedAbnormalPid(application: ApplicationRecord, all: readonly ApplicationRecord[]): string[] {
  if (application.phoneNumber === null) return [];
  const idnos = all
    .filter((other) => other.phoneNumber === application.phoneNumber && other.idno !== null && other.idno !== application.idno)
    .map((other) => other.idno as string);
  return [...new Set(idnos)].sort();
}

for (const kind of DATABASE_KINDS) {
  describe(`applications fixture round trip (${kind})`, function () {
    this.timeout(120000);
    let service: TestService;
    const loaded: ApplicationRecord[] = [];
    let run = 0;

    before(async () => {
      service = await startTestService(kind);
    });
    after(async () => {
      await service?.stop();
    });

    it('reads back by seqNo exactly what a fixture loaded, for random complete applications', async () => {
      const loader = service.service.container.get(FixtureLoader);
      const getCreateInfo = service.service.container.get(GetCreateInfo);
      await fc.assert(
        fc.asyncProperty(fc.array(anyApplication, { minLength: 1, maxLength: 3 }), async (generated) => {
          run += 1;
          const applications = generated.map((application, index) => withConsistentKeys(application, `PT${run}-${index}`));
          await loader.load({ applications });
          loaded.push(...applications);
          for (const application of applications) {
            const found = await getCreateInfo.execute({ seqNo: application.seqNo });
            expect(found).to.deep.equal([{ ...application, abnormalPid: expectedAbnormalPid(application, loaded) }]);
          }
        }),
        { numRuns: 25 },
      );
    });
  });
}
