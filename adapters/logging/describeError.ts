import { DatabaseUnavailable } from '../../core/shared/DatabaseUnavailable.js';

/** What a log line keeps of an error: never its other properties (`sql`, `parameters`, `original`, `fields`…). */
export interface DescribedError {
  readonly type: string;
  readonly code?: string;
  readonly message: string;
  /** The frames only: the first line of `stack` repeats the raw message. */
  readonly stack?: string;
  readonly cause?: DescribedError;
}

const QUOTED = /'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`(?:[^`\\]|\\.)*`/g;
/** Six digits or more: phone, ID and account numbers a driver may write unquoted. */
const LONG_NUMBER = /\d{6,}/g;
const MAX_MESSAGE = 500;
const MAX_FRAMES = 12;
const MAX_CAUSES = 4;

/**
 * A message without the values drivers put in it: MySQL writes `Duplicate entry 'A123456789'
 * for key 'idno'`, so every quoted span and every long number is replaced by `?`.
 */
export function cleanErrorMessage(message: string): string {
  const cleaned = message.replace(QUOTED, '?').replace(LONG_NUMBER, '?');
  return cleaned.length > MAX_MESSAGE ? `${cleaned.slice(0, MAX_MESSAGE)}…` : cleaned;
}

function codeOf(error: Error): string | undefined {
  // Sequelize keeps the driver's code (ER_DUP_ENTRY, SQLITE_CONSTRAINT) on `original`/`parent`.
  const holders = [error, (error as { original?: unknown }).original, (error as { parent?: unknown }).parent];
  for (const holder of holders) {
    const code = (holder as { code?: unknown } | undefined)?.code;
    if (typeof code === 'string' || typeof code === 'number') return String(code);
  }
  return undefined;
}

function framesOf(stack: unknown): string | undefined {
  if (typeof stack !== 'string') return undefined;
  const frames = stack.split('\n').filter((line) => /^\s+at /.test(line));
  return frames.length === 0 ? undefined : frames.slice(0, MAX_FRAMES).join('\n');
}

/**
 * The error a log line is about. DatabaseUnavailable only carries the driver's failure out of
 * persistence, so that callers need not know drivers: the line describes the failure itself.
 */
export function loggedError(error: Error): Error {
  return error instanceof DatabaseUnavailable && error.cause instanceof Error ? error.cause : error;
}

/** An error as a log line may carry it: type, code and a cleaned message (and frames, causes). */
export function describeError(thrown: Error, causes = 0): DescribedError {
  const error = loggedError(thrown);
  const code = codeOf(error);
  const stack = framesOf(error.stack);
  const cause = error.cause instanceof Error && causes < MAX_CAUSES ? describeError(error.cause, causes + 1) : undefined;
  return {
    type: error.name || error.constructor?.name || 'Error',
    ...(code === undefined ? {} : { code }),
    message: cleanErrorMessage(String(error.message ?? '')),
    ...(stack === undefined ? {} : { stack }),
    ...(cause === undefined ? {} : { cause }),
  };
}
