import { ContainerModule } from 'inversify';
import { JsonEndpoint } from '../JsonEndpoint.js';
import { GetCreateInfoEndpoint } from './GetCreateInfoEndpoint.js';

export const getCreateInfoHttpModule = new ContainerModule(({ bind }) => {
  bind(JsonEndpoint).to(GetCreateInfoEndpoint).inSingletonScope();
});
