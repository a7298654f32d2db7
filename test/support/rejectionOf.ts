import { thrownBy, type ErrorClass } from './thrownBy.js';

/**
 * The error `promise` rejects with, checked to be an `expected` (default: any Error);
 * fails the test if it resolves or rejects with something else.
 */
export async function rejectionOf<E extends Error = Error>(promise: Promise<unknown>, expected?: ErrorClass<E>): Promise<E> {
  const replay = await promise.then(
    () => () => undefined,
    (error: unknown) => () => {
      throw error;
    },
  );
  return thrownBy(replay, expected);
}
