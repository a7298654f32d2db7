import { ContainerModule } from 'inversify';
import { BillingMessageCodec } from '../../http/customer-check/ports.js';
import { GbkXmlCodec } from './GbkXmlCodec.js';
import { JsonCodec } from './JsonCodec.js';

/** Both wire formats of CustomerCheck; the HTTP adapter picks one per request by DataType. */
export const customerCheckCodecModule = new ContainerModule(({ bind }) => {
  bind(BillingMessageCodec).to(GbkXmlCodec).inSingletonScope();
  bind(BillingMessageCodec).to(JsonCodec).inSingletonScope();
});
