import { expect } from 'chai';
import { LifecycleHook } from '../../../adapters/lifecycle/LifecycleHook.js';
import { loadConfig } from '../../../config/loadConfig.js';
import { MidplatService } from '../../../config/MidplatService.js';
import { postJson } from '../../support/http.js';
import { createTestDatabase, type TestDatabase } from '../../support/testDatabases.js';
import { waitFor } from '../../support/waitFor.js';

/** A hook whose stop finishes work in flight (as the outbox worker's deliveries) and still needs the database. */
class InFlightWorkHook implements LifecycleHook {
  readonly name = 'in-flight-work';
  readonly events: string[] = [];
  private release: () => void = () => undefined;
  private readonly released = new Promise<void>((resolve) => (this.release = resolve));

  constructor(private readonly service: () => MidplatService) {}

  async start(): Promise<void> {
    this.events.push('started');
  }

  async stop(): Promise<void> {
    this.events.push('stopping');
    await this.released;
    await this.service().database.ping(); // the pool must still be open here
    this.events.push('stopped after its last database call');
  }

  finishWork(): void {
    this.release();
  }
}

describe('MidplatService.stop', () => {
  let database: TestDatabase;
  before(async () => {
    database = await createTestDatabase('sqlite');
  });
  after(() => database?.drop());

  it('waits for the hooks to finish their in-flight work before it closes the pool', async () => {
    const config = loadConfig({}, { http: { port: 0 }, database: { url: database.url }, log: { level: 'silent' }, demo: { loadOnStart: true } });
    const service = new MidplatService(config);
    const hook = new InFlightWorkHook(() => service);
    service.container.bind<LifecycleHook>(LifecycleHook).toConstantValue(hook);
    const { port } = await service.start();
    expect((await postJson(`http://127.0.0.1:${port}/intranet/api/v1.0/UpgradeAccount/IVRCheckUpgradeAccount`, { memberId: 'M0000000001', isPass: true }, { acstkn: 'demo-ivr-token' })).status).to.equal(200);

    let stopped = false;
    const stopping = service.stop().then(() => (stopped = true));
    await waitFor('the hook to be told to stop', () => hook.events.includes('stopping'));
    // The other half of stop is over once nothing listens: from here on only the hook holds it.
    await waitFor('the server to stop listening', () =>
      fetch(`http://127.0.0.1:${port}/healthz`).then(
        () => false,
        () => true,
      ),
    );
    expect(await service.database.ping().then(() => 'answered', () => 'closed'), 'the pool was closed under a working hook').to.equal('answered');
    expect(stopped, 'stop() returned while the hook was still working').to.equal(false);
    hook.finishWork();
    await stopping;

    expect(hook.events).to.deep.equal(['started', 'stopping', 'stopped after its last database call']);
    const pingAfterStop = await service.database.ping().then(() => 'answered', () => 'closed');
    expect(pingAfterStop).to.equal('closed');
  });
});
