import { ContainerModule } from 'inversify';
import { OutboxWakeUp } from '../../core/shared/OutboxWakeUp.js';
import { LifecycleHook } from '../lifecycle/LifecycleHook.js';
import { OutboxMetrics } from './OutboxMetrics.js';
import { OutboxSettings } from './OutboxSettings.js';
import { OutboxWorker } from './OutboxWorker.js';
import { RetentionJob } from './RetentionJob.js';

/** The outbox worker of this process (started with the service, woken by local commits) and the retention cron. */
export function outboxWorkerModule(settings: OutboxSettings): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(OutboxSettings).toConstantValue(settings);
    bind(OutboxMetrics).toSelf().inSingletonScope();
    bind(OutboxWorker).toSelf().inSingletonScope();
    bind(OutboxWakeUp).toService(OutboxWorker);
    bind(LifecycleHook).toService(OutboxWorker);
    bind(RetentionJob).toSelf().inSingletonScope();
    bind(LifecycleHook).toService(RetentionJob);
  });
}
