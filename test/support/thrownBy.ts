import { expect } from 'chai';

/** An error class, abstract ones included (for `instanceof` only). */
export type ErrorClass<E extends Error> = abstract new (...args: never[]) => E;

/**
 * The error `action` throws, checked to be an `expected` (default: any Error);
 * fails the test if it returns or throws something else.
 */
export function thrownBy<E extends Error = Error>(action: () => unknown, expected?: ErrorClass<E>): E {
  let thrown: { error: unknown } | undefined;
  try {
    action();
  } catch (error) {
    thrown = { error };
  }
  if (!thrown) expect.fail(`expected a failure${expected ? ` with ${expected.name}` : ''}, but it succeeded`);
  expect(thrown.error).to.be.instanceOf(expected ?? Error);
  return thrown.error as E;
}
