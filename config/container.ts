import 'reflect-metadata';
import { Container, ContainerModule, type Newable } from 'inversify';
import type { IpcChannel } from '../adapters/cluster/IpcChannel.js';
import { WorkerMetricsExposition } from '../adapters/cluster/WorkerMetricsExposition.js';
import { customerCheckCodecModule } from '../adapters/codec/customer-check/customerCheckCodecModule.js';
import type { EsbSettings } from '../adapters/esb/EsbSettings.js';
import { CircuitBreakingAccountLevelGateway } from '../adapters/esb/upgrade-account/CircuitBreakingAccountLevelGateway.js';
import { httpDa21GatewayModule } from '../adapters/esb/upgrade-account/httpDa21GatewayModule.js';
import { apiReferencePageModule } from '../adapters/http/api-reference/apiReferencePageModule.js';
import { customerCheckHttpModule } from '../adapters/http/customer-check/customerCheckHttpModule.js';
import { getCreateInfoHttpModule } from '../adapters/http/get-create-info/getCreateInfoHttpModule.js';
import { httpModule } from '../adapters/http/httpModule.js';
import { kycChangeNotifierHttpModule } from '../adapters/http/kyc-change-notifier/kycChangeNotifierHttpModule.js';
import { openApiModule } from '../adapters/http/openApiModule.js';
import { opsConsoleHttpModule } from '../adapters/http/ops-console/opsConsoleHttpModule.js';
import { opsConsolePageModule } from '../adapters/http/ops-console/opsConsolePageModule.js';
import { ReadinessCheck } from '../adapters/http/ReadinessCheck.js';
import { upgradeAccountHttpModule } from '../adapters/http/upgrade-account/upgradeAccountHttpModule.js';
import type { Logger } from '../adapters/logging/Logger.js';
import { EsbMetrics } from '../adapters/metrics/EsbMetrics.js';
import { MeasuredAccountLevelGateway } from '../adapters/metrics/MeasuredAccountLevelGateway.js';
import { MetricsExposition } from '../adapters/metrics/MetricsExposition.js';
import { MetricsRegistry } from '../adapters/metrics/MetricsRegistry.js';
import { metricsModule } from '../adapters/metrics/metricsModule.js';
import { httpMoneyPlusCallbackModule } from '../adapters/money-plus/kyc-change-notifier/httpMoneyPlusCallbackModule.js';
import { moneyPlusModule } from '../adapters/money-plus/kyc-change-notifier/moneyPlusModule.js';
import { auditPersistenceModule } from '../adapters/persistence/audit/auditPersistenceModule.js';
import { customerCheckPersistenceModule } from '../adapters/persistence/customer-check/customerCheckPersistenceModule.js';
import type { Database } from '../adapters/persistence/Database.js';
import { getCreateInfoPersistenceModule } from '../adapters/persistence/get-create-info/getCreateInfoPersistenceModule.js';
import { kycChangeNotifierPersistenceModule } from '../adapters/persistence/kyc-change-notifier/kycChangeNotifierPersistenceModule.js';
import { outboxPersistenceModule } from '../adapters/persistence/outbox/outboxPersistenceModule.js';
import { persistenceModule } from '../adapters/persistence/persistenceModule.js';
import { upgradeAccountPersistenceModule } from '../adapters/persistence/upgrade-account/upgradeAccountPersistenceModule.js';
import { outboxWorkerModule } from '../adapters/scheduler/outboxWorkerModule.js';
import { AccountLevelGateway } from '../core/upgrade-account/ports.js';
import { esbSimulatorModule } from '../plugins/esb-simulator/esbSimulatorModule.js';
import { SimulatedDa21Gateway } from '../plugins/esb-simulator/SimulatedDa21Gateway.js';
import { moneyPlusSimulatorModule } from '../plugins/money-plus-simulator/moneyPlusSimulatorModule.js';
import { credentialsModule } from './Credentials.js';
import { infrastructureModule } from './infrastructureModule.js';
import type { MidplatConfig } from './MidplatConfig.js';
import { packageVersion } from './packageVersion.js';
import { apiReferenceStaticFolder, opsConsoleStaticFolder, swaggerUiFolder } from './projectRoot.js';
import { useCasesModule } from './useCasesModule.js';

/** An adapter or plugin that can answer DA21: its module, and the gateway that module binds. */
interface Da21Choice {
  readonly module: (settings: EsbSettings) => ContainerModule;
  readonly gateway: Newable<AccountLevelGateway>;
}

/** The adapter or plugin that fills the DA21 port, by `esb.adapter`. */
const accountLevelGateways: Record<MidplatConfig['esb']['adapter'], Da21Choice> = {
  http: { module: httpDa21GatewayModule, gateway: CircuitBreakingAccountLevelGateway },
  simulator: { module: esbSimulatorModule, gateway: SimulatedDa21Gateway },
};

/** The adapter or plugin that delivers Money+ callbacks, by `moneyPlus.adapter`. */
const moneyPlusCallbackClients: Record<MidplatConfig['moneyPlus']['adapter'], ContainerModule> = {
  http: httpMoneyPlusCallbackModule,
  simulator: moneyPlusSimulatorModule,
};

function pick<T>(table: Record<string, T>, key: string, configKey: string): T {
  const found = table[key];
  if (found === undefined) throw new Error(`${configKey}: unknown adapter "${key}" (known: ${Object.keys(table).join(', ')})`);
  return found;
}

export interface ContainerParts {
  readonly config: MidplatConfig;
  readonly database: Database;
  readonly logger: Logger;
  /** In a worker of a process group: the link to the primary (`/metrics` answers for the group). */
  readonly primary?: IpcChannel;
}

/**
 * The composition root: the only place that reads the configuration, decides which adapter
 * fills which port and hands each module its own settings.
 */
export function buildContainer({ config, database, logger, primary }: ContainerParts): Container {
  const container = new Container({ defaultScope: 'Singleton' });
  const da21 = pick(accountLevelGateways, config.esb.adapter, 'esb.adapter');
  const chosenPorts = new ContainerModule(({ bind }) => {
    // Whichever gateway answers DA21, its latency and errors are measured around it.
    bind(AccountLevelGateway)
      .toDynamicValue((context) => new MeasuredAccountLevelGateway(context.get(da21.gateway), context.get(EsbMetrics)))
      .inSingletonScope();
    // Ready to serve when the database answers.
    bind(ReadinessCheck).toConstantValue(() => database.ping());
    if (primary) {
      bind(MetricsExposition).toDynamicValue((context) => new WorkerMetricsExposition(primary, context.get(MetricsRegistry))).inSingletonScope();
    } else {
      bind(MetricsExposition).toService(MetricsRegistry);
    }
  });
  container.load(
    infrastructureModule(logger),
    useCasesModule({
      upgradeLevel: config.esb.upgradeLevel,
      // A claim outlives the DA21 call it covers (its timeout) with room for the two short transactions;
      // a retry that takes over a late claim reuses the TransactionID, so the margin only needs to be usual.
      upgradeClaimMs: config.esb.timeoutMs + 2000,
      // Bulkhead: a burst of upgrades leaves two pooled connections to the other use cases (SQLite: takes one writer slot at a time).
      upgradeTransactions: database.dialect === 'sqlite' ? 1 : Math.max(1, config.database.poolMax - 2),
    }),
    chosenPorts,
    persistenceModule(database),
    upgradeAccountPersistenceModule,
    outboxPersistenceModule(config.outbox.claim),
    auditPersistenceModule,
    outboxWorkerModule(config.outbox),
    da21.module(config.esb),
    httpModule(config.http),
    credentialsModule(config),
    upgradeAccountHttpModule,
    metricsModule,
    openApiModule(packageVersion),
    opsConsolePageModule(opsConsoleStaticFolder),
    apiReferencePageModule(apiReferenceStaticFolder, swaggerUiFolder),
    getCreateInfoPersistenceModule,
    getCreateInfoHttpModule,
    customerCheckPersistenceModule,
    customerCheckCodecModule,
    customerCheckHttpModule(config.http.bodyLimitBytes),
    kycChangeNotifierPersistenceModule,
    moneyPlusModule(config.moneyPlus),
    pick(moneyPlusCallbackClients, config.moneyPlus.adapter, 'moneyPlus.adapter'),
    kycChangeNotifierHttpModule,
    opsConsoleHttpModule,
  );
  return container;
}
