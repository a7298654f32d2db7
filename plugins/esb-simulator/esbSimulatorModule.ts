import { ContainerModule } from 'inversify';
import { EsbSettings } from '../../adapters/esb/EsbSettings.js';
import { SimulatedDa21Gateway } from './SimulatedDa21Gateway.js';

/**
 * `esb.adapter: "simulator"`: DA21 answered in-process, for demos and offline runs.
 * Binds SimulatedDa21Gateway; the composition root fills the port with it.
 */
export function esbSimulatorModule(settings: EsbSettings): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(EsbSettings).toConstantValue(settings);
    bind(SimulatedDa21Gateway).toSelf().inSingletonScope();
  });
}
