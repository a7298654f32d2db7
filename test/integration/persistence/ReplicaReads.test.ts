import { createServer, type Server, type Socket } from 'node:net';
import { expect } from 'chai';
import { Database } from '../../../adapters/persistence/Database.js';
import { migrate } from '../../../adapters/persistence/migrate.js';
import type { ReplicaFallbackReason, ReplicaReadsObserver, ReplicaSkipReason } from '../../../adapters/persistence/ReplicaReadsObserver.js';
import { selectRows } from '../../../adapters/persistence/selectRows.js';
import { createTestDatabase, MARIADB_SERVER_URL, type TestDatabase } from '../../support/testDatabases.js';

/** What the replica reads told: skipped or usable replicas, and reads that went to the primary. */
class RecordingObserver implements ReplicaReadsObserver {
  readonly changes: [string, ReplicaSkipReason | undefined][] = [];
  readonly fallbacks: ReplicaFallbackReason[] = [];

  fellBack(reason: ReplicaFallbackReason): void {
    this.fallbacks.push(reason);
  }

  replicaChanged(replica: string, skipped: ReplicaSkipReason | undefined): void {
    this.changes.push([replica, skipped]);
  }
}

/** A TCP server that accepts connections and never says a word: a replica that hangs. */
async function silentServer(): Promise<{ server: Server; port: number; sockets: Set<Socket> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as { port: number }).port, sockets };
}

describe('read replicas: the probe (MariaDB)', function () {
  this.timeout(60000);
  let primary: TestDatabase;
  let database: Database | undefined;

  before(async () => {
    primary = await createTestDatabase('mariadb');
    const migrating = new Database({ url: primary.url, poolMax: 2 });
    await migrate(migrating);
    await migrating.close();
  });
  afterEach(async () => {
    await database?.close();
    database = undefined;
  });
  after(() => primary?.drop());

  it('skips a replica that accepts connections but never answers, and reads on the primary without waiting for it', async () => {
    const silent = await silentServer();
    try {
      database = new Database({ url: primary.url, poolMax: 2, replicas: [`mysql://root@127.0.0.1:${silent.port}/any`] });
      const observer = new RecordingObserver();
      // The first probe gives up after its own timeout, well under the 5 s connect timeout of the primary's pool.
      await database.startReplicaProbes([observer]);
      expect(observer.changes).to.deep.equal([[`127.0.0.1:${silent.port}`, 'down']]);
      const rows = await selectRows<{ answer: number }>(database, 'SELECT 1 AS answer', [], { readFrom: 'replica' });
      expect(rows).to.deep.equal([{ answer: 1 }]);
      expect(observer.fallbacks).to.deep.equal(['down']);
    } finally {
      for (const socket of silent.sockets) socket.destroy();
      silent.server.close();
    }
  });

  it('skips a server that is not replicating at all (no replica status: the lag is unknown)', async () => {
    const server = new URL(MARIADB_SERVER_URL);
    database = new Database({ url: primary.url, poolMax: 2, replicas: [primary.url] });
    const observer = new RecordingObserver();
    await database.startReplicaProbes([observer]);
    expect(observer.changes).to.deep.equal([[`${server.hostname}:${server.port || '3306'}`, 'lag']]);
    await selectRows(database, 'SELECT 1 AS answer', [], { readFrom: 'replica' });
    expect(observer.fallbacks).to.deep.equal(['lag']);
  });

  it('refuses read replicas with SQLite, naming the key', () => {
    expect(() => new Database({ url: 'sqlite::memory:', poolMax: 1, replicas: ['mysql://root@127.0.0.1:3306/x'] })).to.throw(/^database\.replicas: /);
  });
});
