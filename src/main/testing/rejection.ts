// For tests: the LedgerError a promise rejects with (fails the test when it resolves or throws anything else).
import { expect } from 'vitest';
import { LedgerError } from '../errors.ts';

export async function rejection(promise: Promise<unknown>): Promise<LedgerError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(LedgerError);
    return error as LedgerError;
  }
  throw new Error('expected a rejection');
}
