// A projection's failure said in the reader's language: English is the sentence main has always
// written (reports and --json match on it), Chinese says the same facts, the thrown text as written.
import { describe, expect, it } from 'vitest';
import { englishFailure, failureMessage, PROJECTION_FAILURE_WORDS, type ProjectionFailureFacts } from './projectionFailureWords.ts';
import { chineseOf, expectSameKeysAndPlaces } from './testing/chineseOf.ts';

const chinese = () => chineseOf(PROJECTION_FAILURE_WORDS['zh-CN']);

// Each case with the sentence the sandbox and the in-process fold wrote before the words moved here.
const CASES: [ProjectionFailureFacts, string][] = [
  [{ case: 'threw', part: 'evolve', error: 'fine must be a number' }, 'evolve threw: fine must be a number'],
  [{ case: 'threw', part: 'module', error: 'not today' }, 'the module threw: not today'],
  [{ case: 'threw', part: 'sandbox', error: 'x' }, 'the sandbox threw: x'],
  [{ case: 'recursed', part: 'evolve' }, 'evolve recursed too deeply (the call stack overflowed)'],
  [{ case: 'frozen', part: 'initialState', error: 'Cannot assign to read only property' }, 'initialState changed something frozen (a state or a built-in) in place: return a new state instead (Cannot assign to read only property)'],
  [{ case: 'badState', part: 'appliesTo', error: 'f is a function' }, 'appliesTo returned a state that is not plain JSON: f is a function'],
];

describe('projection failure words', () => {
  it.each(CASES)('English of %j is the sentence main has always written', (facts, sentence) => {
    expect(englishFailure(facts)).toBe(sentence);
  });

  it.each(CASES)('Chinese says %j with the thrown text as written and no English word of ours', (facts, sentence) => {
    const zh = failureMessage({ message: sentence, facts }, chinese());
    if ('error' in facts) expect(zh).toContain(facts.error);
    const ours = zh.replace('error' in facts ? facts.error : '', '').replace(/evolve|initialState|appliesTo|JSON/g, '');
    expect(ours).not.toMatch(/[A-Za-z]/);
    expect(zh).toMatch(/[\u4e00-\u9fff]/);
  });

  it('a message reworded after the facts were set (a prefix, a line) is shown as written, not replaced', () => {
    const facts: ProjectionFailureFacts = { case: 'threw', part: 'evolve', error: 'boom' };
    expect(failureMessage({ message: 'This file could not be read: evolve threw: boom', facts }, chinese())).toBe('This file could not be read: evolve threw: boom');
    expect(failureMessage({ message: 'the sandbox did not start' }, chinese())).toBe('the sandbox did not start');
  });

  it('both languages hold the same keys and placeholders', () => {
    expectSameKeysAndPlaces(PROJECTION_FAILURE_WORDS);
  });
});
