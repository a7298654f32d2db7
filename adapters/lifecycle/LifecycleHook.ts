/** Something that must start after the database is ready and stop before it closes (cron workers…). */
export interface LifecycleHook {
  readonly name: string;
  start(): Promise<void>;
  /** Finish in-flight work, then release resources. */
  stop(): Promise<void>;
}
export const LifecycleHook = Symbol.for('LifecycleHook');
