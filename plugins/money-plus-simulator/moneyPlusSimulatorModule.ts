import { ContainerModule } from 'inversify';
import { OutboxHandler } from '../../core/shared/OutboxHandler.js';
import { SimulatedMoneyPlusCallbackClient } from './SimulatedMoneyPlusCallbackClient.js';

/** `moneyPlus.adapter: "simulator"`: Money+ callbacks answered in-process, for demos and offline runs. */
export const moneyPlusSimulatorModule = new ContainerModule(({ bind }) => {
  bind(SimulatedMoneyPlusCallbackClient).toSelf().inSingletonScope();
  bind(OutboxHandler).toService(SimulatedMoneyPlusCallbackClient);
});
