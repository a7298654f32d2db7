import 'reflect-metadata';
import { Container, ContainerModule } from 'inversify';
import { Registry } from 'prom-client';
import { SystemClock } from '../../../adapters/clock/SystemClock.js';
import { createLogger, Logger } from '../../../adapters/logging/Logger.js';
import { MetricsRegistry } from '../../../adapters/metrics/MetricsRegistry.js';
import { Database } from '../../../adapters/persistence/Database.js';
import { migrate } from '../../../adapters/persistence/migrate.js';
import { outboxPersistenceModule } from '../../../adapters/persistence/outbox/outboxPersistenceModule.js';
import { insertOutboxMessage } from '../../../adapters/persistence/outbox/insertOutboxMessage.js';
import { SequelizeOutboxOperatorQueries } from '../../../adapters/persistence/outbox/SequelizeOutboxOperatorQueries.js';
import { SequelizeOutboxStore } from '../../../adapters/persistence/outbox/SequelizeOutboxStore.js';
import { outboxWorkerModule } from '../../../adapters/scheduler/outboxWorkerModule.js';
import { OutboxRandom, OutboxWorker } from '../../../adapters/scheduler/OutboxWorker.js';
import { Clock } from '../../../core/shared/Clock.js';
import { Outbox, type NewOutboxMessage } from '../../../core/shared/Outbox.js';
import { OutboxHandler } from '../../../core/shared/OutboxHandler.js';
import { UnitOfWork } from '../../../core/shared/UnitOfWork.js';
import type { MidplatConfig } from '../../../config/MidplatConfig.js';
import { persistenceModule } from '../../../adapters/persistence/persistenceModule.js';

export interface OutboxRigOptions {
  readonly url: string;
  readonly handlers: OutboxHandler[];
  readonly settings?: Partial<MidplatConfig['outbox']>;
  readonly clock?: Clock;
  readonly random?: () => number;
  readonly logLevel?: string;
}

/** The outbox adapters alone, wired as the composition root wires them, on one database. */
export interface OutboxRig {
  readonly container: Container;
  readonly database: Database;
  readonly outbox: Outbox;
  readonly unitOfWork: UnitOfWork;
  readonly store: SequelizeOutboxStore;
  readonly operatorQueries: SequelizeOutboxOperatorQueries;
  readonly worker: OutboxWorker;
  readonly registry: Registry;
  /** A PENDING message with the given id, due at `at` (what an enqueue writes). */
  insert(id: string, message: NewOutboxMessage, at: Date): Promise<void>;
  close(): Promise<void>;
}

export const QUIET_SCHEDULE = '0 0 1 1 *';

/** Migrates the database and builds the outbox modules around the given handlers. */
export async function buildOutboxRig(options: OutboxRigOptions): Promise<OutboxRig> {
  const database = new Database({ url: options.url, poolMax: 10 });
  await migrate(database);
  const registry = new Registry();
  const settings: MidplatConfig['outbox'] = {
    schedule: QUIET_SCHEDULE,
    batchSize: 100,
    leaseMs: 30000,
    backoffMs: [5000, 300000, 1800000],
    retentionDays: 30,
    purgeSchedule: QUIET_SCHEDULE,
    purgeBatchSize: 500,
    claim: 'auto',
    ...options.settings,
  };
  const container = new Container({ defaultScope: 'Singleton' });
  container.load(
    new ContainerModule(({ bind }) => {
      bind(Logger).toConstantValue(createLogger(options.logLevel ?? 'silent'));
      bind(MetricsRegistry).toConstantValue(registry);
      if (options.clock) bind(Clock).toConstantValue(options.clock);
      else bind(Clock).to(SystemClock);
      if (options.random) bind(OutboxRandom).toConstantValue(options.random);
      for (const handler of options.handlers) bind(OutboxHandler).toConstantValue(handler);
    }),
    persistenceModule(database),
    outboxPersistenceModule(settings.claim),
    outboxWorkerModule(settings),
  );
  let worker: OutboxWorker;
  try {
    worker = container.get(OutboxWorker);
  } catch (error) {
    await database.close();
    throw error;
  }
  return {
    container,
    database,
    outbox: container.get<Outbox>(Outbox),
    unitOfWork: container.get<UnitOfWork>(UnitOfWork),
    store: container.get(SequelizeOutboxStore),
    operatorQueries: container.get(SequelizeOutboxOperatorQueries),
    worker,
    registry,
    insert: (id, message, at) => insertOutboxMessage(database, id, message, at),
    close: async () => {
      await worker.stop();
      await database.close();
    },
  };
}
