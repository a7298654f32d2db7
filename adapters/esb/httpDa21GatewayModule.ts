import { ContainerModule } from 'inversify';
import { AccountLevelGateway } from '../../core/upgrade-account/ports.js';
import { HttpDa21Gateway } from './HttpDa21Gateway.js';

/** `esb.adapter: "http"`: DA21 goes to the real ESB. */
export const httpDa21GatewayModule = new ContainerModule(({ bind }) => {
  bind(AccountLevelGateway).to(HttpDa21Gateway).inSingletonScope();
});
