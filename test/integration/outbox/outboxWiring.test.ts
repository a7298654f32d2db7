import { expect } from 'chai';
import { LifecycleHook } from '../../../adapters/lifecycle/LifecycleHook.js';
import { SequelizeOutboxOperatorQueries } from '../../../adapters/persistence/outbox/SequelizeOutboxOperatorQueries.js';
import { OutboxWorker } from '../../../adapters/scheduler/OutboxWorker.js';
import { Outbox } from '../../../core/shared/Outbox.js';
import { UnitOfWork } from '../../../core/shared/UnitOfWork.js';
import { startTestService, type TestService } from '../../support/startTestService.js';
import { DATABASE_KINDS } from '../../support/testDatabases.js';

for (const kind of DATABASE_KINDS) {
  describe(`outbox in the composed service (${kind})`, () => {
    let running: TestService;

    before(async () => {
      running = await startTestService(kind);
    });

    after(async () => {
      await running.stop();
    });

    it('starts the outbox worker with the service as a lifecycle hook', () => {
      const hooks = running.service.container.getAll<LifecycleHook>(LifecycleHook);
      expect(hooks).to.include(running.service.container.get(OutboxWorker));
      expect(running.logs.some((line) => line.msg === 'outbox worker started')).to.equal(true);
    });

    it('serves the outbox gauges, counted at scrape time, on /metrics', async () => {
      const outbox = running.service.container.get<Outbox>(Outbox);
      const unitOfWork = running.service.container.get<UnitOfWork>(UnitOfWork);
      const before = await (await fetch(`${running.baseUrl}/metrics`)).text();
      const pendingBefore = Number(/^midplat_outbox_messages\{status="pending"\} (\d+)$/m.exec(before)?.[1]);
      // No handler for this topic in the bare service, so it stays pending.
      await unitOfWork.run(() => outbox.enqueue({ topic: 'no.handler', partitionKey: 'k', payload: {} }));
      const after = await (await fetch(`${running.baseUrl}/metrics`)).text();
      expect(after).to.match(new RegExp(`^midplat_outbox_messages\\{status="pending"\\} ${pendingBefore + 1}$`, 'm'));
      expect(after).to.match(/^midplat_outbox_messages\{status="failed"\} 0$/m);
    });

    it('migrates the outbox table and enqueues through the Outbox port in a unit of work', async () => {
      const outbox = running.service.container.get<Outbox>(Outbox);
      const unitOfWork = running.service.container.get<UnitOfWork>(UnitOfWork);
      const id = await unitOfWork.run(() => outbox.enqueue({ topic: 'moneyplus.callback', partitionKey: '12345', payload: { uid: '12345' } }));
      const stored = await running.service.container.get(SequelizeOutboxOperatorQueries).find(id);
      expect(stored).to.include({ topic: 'moneyplus.callback', partitionKey: '12345' });
      expect(stored!.payload).to.deep.equal({ uid: '12345' });
    });
  });
}
