import { ContainerModule } from 'inversify';
import { GetCreateInfo } from '../../../core/get-create-info/GetCreateInfo.js';
import { JsonEndpoint } from '../JsonEndpoint.js';
import { GetCreateInfoEndpoint } from './GetCreateInfoEndpoint.js';

export const getCreateInfoHttpModule = new ContainerModule(({ bind }) => {
  bind(GetCreateInfo).toSelf().inSingletonScope();
  bind(JsonEndpoint).to(GetCreateInfoEndpoint).inSingletonScope();
});
