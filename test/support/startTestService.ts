import { Writable } from 'node:stream';
import { DEMO_ONLY_SETTINGS } from '../../config/demoOnlySettings.js';
import { deepMerge, loadConfig, type ConfigJson } from '../../config/loadConfig.js';
import type { MidplatConfig } from '../../config/MidplatConfig.js';
import { MidplatService } from '../../config/MidplatService.js';
import { createTestDatabase, type DatabaseKind, type TestDatabase } from './testDatabases.js';

export interface TestService {
  readonly baseUrl: string;
  readonly service: MidplatService;
  readonly config: MidplatConfig;
  readonly database: TestDatabase;
  /** Every log line the service wrote, parsed. */
  readonly logs: Record<string, unknown>[];
  /** Every SQL statement the service issued since the last reset. */
  readonly queries: string[];
  stop(): Promise<void>;
}

export interface TestServiceOptions {
  /**
   * The embedded demo as `npm start` runs it: demo data (outbox messages included), the
   * simulators, the demo tokens and the demo-only outbox settings; `overrides` still apply last.
   */
  readonly demo?: boolean;
  /** A database made by the test (e.g. on a server of its own) instead of a fresh one of `kind`; `stop` drops it. */
  readonly database?: TestDatabase;
}

/**
 * A real Midplat listening on 127.0.0.1 on a fresh database of the given kind, with
 * config overrides (no demo data unless asked). Logs and SQL are captured for assertions.
 */
export async function startTestService(kind: DatabaseKind, overrides: ConfigJson = {}, options: TestServiceOptions = {}): Promise<TestService> {
  const database = options.database ?? (await createTestDatabase(kind));
  const logs: Record<string, unknown>[] = [];
  const queries: string[] = [];
  const logDestination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString('utf8').split('\n')) if (line) logs.push(JSON.parse(line) as Record<string, unknown>);
      callback();
    },
  });
  // Key by key, so an override of one http key keeps the ephemeral port.
  const config = loadConfig(
    {},
    deepMerge(
      deepMerge(
        { http: { port: 0 }, database: { url: database.url }, log: { level: 'info' }, demo: { loadOnStart: options.demo === true } },
        options.demo ? DEMO_ONLY_SETTINGS : {},
      ),
      overrides,
    ),
  );
  const service = new MidplatService(config, { logDestination, onQuery: (sql) => queries.push(sql) });
  try {
    const address = await service.start();
    return {
      baseUrl: `http://127.0.0.1:${address.port}`,
      service,
      config,
      database,
      logs,
      queries,
      stop: async () => {
        await service.stop();
        await database.drop();
      },
    };
  } catch (error) {
    await service.database.close().catch(() => undefined);
    await database.drop();
    throw error;
  }
}
