import { schedule, validate, type ScheduledTask } from 'node-cron';
import type { Logger } from '../logging/Logger.js';

export interface CronJob {
  /** The setting the expression comes from, named in the start-up error when it is invalid. */
  readonly setting: string;
  readonly expression: string;
  /** node-cron's task name. */
  readonly name: string;
  /** What its log lines are called ("outbox", "retention"). */
  readonly label: string;
  readonly tick: () => unknown;
}

/**
 * Starts a node-cron task the way every Midplat job runs: an invalid expression stops start-up,
 * a tick never overlaps the previous one, and node-cron's own chatter goes to our logger
 * (warnings and errors only) instead of the console.
 */
export function scheduleCron(job: CronJob, logger: Logger): ScheduledTask {
  if (!validate(job.expression)) throw new Error(`${job.setting}: invalid cron expression "${job.expression}"`);
  const label = `${job.label} cron`;
  return schedule(job.expression, job.tick, {
    name: job.name,
    noOverlap: true,
    suppressMissedWarning: true,
    logger: {
      info: () => undefined,
      debug: () => undefined,
      warn: (message) => logger.warn({ cron: message }, label),
      error: (message) => logger.error({ cron: String(message) }, label),
    },
  });
}
