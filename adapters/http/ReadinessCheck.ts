/** What `/readyz` waits for: resolves once what the service needs to serve (its database) answers. */
export type ReadinessCheck = () => Promise<void>;
export const ReadinessCheck = Symbol.for('ReadinessCheck');

/** How long a readiness probe may take before the process counts as not ready. */
export const READINESS_TIMEOUT_MS = 2000;

/** Whether `check` answers within READINESS_TIMEOUT_MS: what `/readyz` and the `midplat_ready` gauge both report. */
export async function probeReadiness(check: ReadinessCheck): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), READINESS_TIMEOUT_MS).unref();
      }),
    ]);
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
