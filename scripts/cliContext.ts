import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import type { RequestContext } from '../core/shared/RequestContext.js';

/** Who acts from the command line, for the audit trail: `cli:<OS user>`, under a request id of its own. */
export function cliContext(): RequestContext {
  let user: string;
  try {
    user = userInfo().username;
  } catch {
    user = process.env.USER ?? 'unknown';
  }
  return { consumer: `cli:${user}`, requestId: `cli-${randomUUID()}` };
}
