import { expect } from 'vitest';
import { isIntegraError, type IntegraError } from '@ucbridge/integra-api';

/** The error `promise` rejects with, checked to be an IntegraError; fails the test if it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<IntegraError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
  expect(isIntegraError(error)).toBe(true);
  return error as IntegraError;
}
