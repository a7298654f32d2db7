import { ContainerModule } from 'inversify';
import { Registry } from 'prom-client';
import { SystemClock } from '../adapters/clock/SystemClock.js';
import { LogMaskingPersonalDataMasker } from '../adapters/logging/LogMaskingPersonalDataMasker.js';
import { Logger } from '../adapters/logging/Logger.js';
import { MetricsRegistry } from '../adapters/metrics/MetricsRegistry.js';
import { PersonalDataMasker } from '../core/ops-console/ports.js';
import { Clock } from '../core/shared/Clock.js';

/** What every other module may use: the process's logger, its metrics registry, the clock, and log-style masking. */
export function infrastructureModule(logger: Logger): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(Logger).toConstantValue(logger);
    bind(MetricsRegistry).toConstantValue(new Registry());
    bind(Clock).to(SystemClock).inSingletonScope();
    // The operations console shows personal data masked exactly as the logs do.
    bind(PersonalDataMasker).to(LogMaskingPersonalDataMasker).inSingletonScope();
  });
}
