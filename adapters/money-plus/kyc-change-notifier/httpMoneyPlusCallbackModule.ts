import { ContainerModule } from 'inversify';
import { OutboxHandler } from '../../../core/shared/OutboxHandler.js';
import { HttpMoneyPlusCallbackClient } from './HttpMoneyPlusCallbackClient.js';

/** `moneyPlus.adapter: "http"`: callbacks go to each partner's callbackUrl. */
export const httpMoneyPlusCallbackModule = new ContainerModule(({ bind }) => {
  bind(OutboxHandler).to(HttpMoneyPlusCallbackClient).inSingletonScope();
});
