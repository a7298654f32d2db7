import { ContainerModule } from 'inversify';
import { createLogger, Logger } from '../../adapters/logging/Logger.js';

/** A Logger that writes nothing, for containers built around a few adapters. */
export const silentLoggerModule = new ContainerModule(({ bind }) => {
  bind(Logger).toConstantValue(createLogger('silent'));
});
