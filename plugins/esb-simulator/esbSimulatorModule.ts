import { ContainerModule } from 'inversify';
import { AccountLevelGateway } from '../../core/upgrade-account/ports.js';
import { SimulatedDa21Gateway } from './SimulatedDa21Gateway.js';

/** `esb.adapter: "simulator"`: DA21 answered in-process, for demos and offline runs. */
export const esbSimulatorModule = new ContainerModule(({ bind }) => {
  bind(AccountLevelGateway).to(SimulatedDa21Gateway).inSingletonScope();
});
