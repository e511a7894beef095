// For the error-words site tests: the ErrorInfo a call throws or rejects with, and the check that it
// is said in words (English exactly as the message; Chinese with nothing Latin left but the facts
// that are not ours).
import { expect } from 'vitest';
import { englishError, ERROR_WORDS, errorText } from '../../shared/errorWords/index.ts';
import type { ErrorInfo } from '../../shared/result.ts';
import { chineseOf } from '../../shared/testing/chineseOf.ts';
import { toErrorInfo } from '../errors.ts';

export const zh = chineseOf(ERROR_WORDS['zh-CN']);

export function thrown(run: () => unknown): ErrorInfo {
  try {
    run();
  } catch (error) {
    return toErrorInfo(error);
  }
  throw new Error('did not throw');
}

export async function failure(run: () => unknown): Promise<ErrorInfo> {
  try {
    await run();
  } catch (error) {
    return toErrorInfo(error);
  }
  throw new Error('did not fail');
}

/**
 * The error carries words under `key` that make its message exactly; in Chinese, once the facts that
 * are not ours are taken out, nothing Latin is left. Returns the Chinese text.
 */
export function said(info: ErrorInfo, key: string, ...notOurs: string[]): string {
  expect(info.words?.key, info.message).toBe(key);
  expect(englishError(info.words!)).toBe(info.message);
  const text = errorText(info, zh);
  expect(text).toMatch(/[\u4e00-\u9fff]/);
  const rest = [...notOurs].sort((a, b) => b.length - a.length).reduce((left, fact) => left.split(fact).join(''), text);
  expect(rest, text).not.toMatch(/[A-Za-z]/);
  return text;
}
