import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findJsonSyntaxProblem } from './jsonSyntax.ts';

describe('findJsonSyntaxProblem', () => {
  it.each([
    ['{"a":1,}', 6, 'a comma before }'],
    ['[1,2,]', 4, 'a comma before ]'],
    ['{"a":1 // note\n}', 7, 'JSON has no comments'],
    ['{"a":1 /* note */}', 7, 'JSON has no comments'],
    ["{'a':1}", 1, 'double quotes'],
    ['{"a" 1}', 5, 'expected a colon'],
    ['{"a":1}}', 7, 'expected the end of the file'],
    ['{"a":"x\ny"}', 5, 'a text that is never closed'],
    ['{"a":[1,2}', 9, 'expected a comma or ]'],
    ['{"a":', 5, 'found the end of the file'],
    ['', 0, 'found the end of the file'],
    ['{"a":01}', 6, 'expected a comma or }'],
    ['{"a":tru}', 5, 'expected a value'],
    ['{"a":[1', 7, 'ends before this list is closed'],
  ])('%j: at %i, %s', (text, offset, message) => {
    const problem = findJsonSyntaxProblem(text);
    expect(problem?.offset).toBe(offset);
    expect(problem?.message).toContain(message);
  });

  it('agrees with JSON.parse on what is JSON (valid documents and their truncations and edits)', () => {
    const valid = (text: string) => {
      try {
        JSON.parse(text);
        return true;
      } catch {
        return false;
      }
    };
    fc.assert(
      fc.property(fc.json({ depthSize: 'medium' }), fc.nat(), fc.constantFrom('', ',', '}', ']', '"', ':', ' ', '1', '/', 'x', '\\'), (json, at, insert) => {
        expect(findJsonSyntaxProblem(json)).toBeNull();
        const cut = at % (json.length + 1);
        const edited = json.slice(0, cut) + insert + json.slice(cut + (insert === '' ? 1 : 0));
        expect(findJsonSyntaxProblem(edited) === null).toBe(valid(edited));
      }),
      { numRuns: 2000 },
    );
  });

  it('scans any depth without recursion', () => {
    expect(findJsonSyntaxProblem(`${'['.repeat(200_000)}${']'.repeat(199_999)}`)?.message).toContain('ends before this list is closed');
  });
});
