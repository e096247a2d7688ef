import { expect } from 'vitest';
import { DomainError } from '../../src/domain/errors';

/** Awaits work that must be refused by a domain rule, and returns the refusal to inspect. */
export async function refusal(work: Promise<unknown>): Promise<DomainError> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}
