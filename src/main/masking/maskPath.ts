// The grammar of a masking path rule, and how a path is matched while walking a value.
//
//   path  := root step*
//   root  := "data" | "metadata"
//   step  := "." name           a key of an object          data.customer.email
//          | "." "*"  | "[*]"   any one key or element       data.*.email
//          | "[]"               any element of an array      data.items[].name
//          | "[" digits "]"     one element by index         data.items[0].name
//          | "[" json-string "]" a key that is not a name    data["e-mail address"]
//   name  := [A-Za-z_$][A-Za-z0-9_$-]*
//
// The value at a matched path is masked whole (an object or array there becomes one token). For
// states and diffs the state is matched as if it were `data` (projections usually keep its shape).
import { LedgerError } from '../errors.ts';
import { words, type ErrorWords } from '../../shared/errorWords/index.ts';

export type MaskStep = { kind: 'key'; key: string } | { kind: 'index'; index: number } | { kind: 'anyElement' } | { kind: 'any' };

export interface MaskPath {
  root: 'data' | 'metadata';
  steps: MaskStep[];
  /** The rule as written, for the manifest and messages. */
  text: string;
}

const NAME = /^[A-Za-z_$][A-Za-z0-9_$-]*/;
const examples = words('errorWords.mask.examples', {});

function bad(text: string, at: number, why: ErrorWords): LedgerError {
  return new LedgerError('INVALID_INPUT', words('errorWords.mask.unreadable', { path: text, at: at + 1, why, examples }), { path: text, at });
}

/** Parses one path rule; throws INVALID_INPUT saying where and why a path is not one. */
export function parseMaskPath(input: string): MaskPath {
  const text = input.trim();
  if (text === '') throw new LedgerError('INVALID_INPUT', words('errorWords.mask.empty', { examples }), { path: input });
  if (text.length > 1024) throw new LedgerError('INVALID_INPUT', words('errorWords.mask.tooLong', { examples }), { path: text.slice(0, 64) });
  const rootMatch = NAME.exec(text);
  const root = rootMatch?.[0];
  if (root !== 'data' && root !== 'metadata') throw bad(text, 0, root ? words('errorWords.mask.why.rootNot', { root }) : words('errorWords.mask.why.root', {}));
  const steps: MaskStep[] = [];
  let i = root.length;
  while (i < text.length) {
    const c = text[i];
    if (c === '.') {
      if (text[i + 1] === '*') {
        steps.push({ kind: 'any' });
        i += 2;
        continue;
      }
      const name = NAME.exec(text.slice(i + 1))?.[0];
      if (!name) throw bad(text, i + 1, words('errorWords.mask.why.nameAfterDot', {}));
      steps.push({ kind: 'key', key: name });
      i += 1 + name.length;
    } else if (c === '[') {
      const close = text.startsWith('"', i + 1) ? closingQuote(text, i + 1) + 1 : text.indexOf(']', i);
      if (close <= i || text[close] !== ']') throw bad(text, i, words('errorWords.mask.why.bracketNotClosed', {}));
      const inside = text.slice(i + 1, close);
      if (inside === '') steps.push({ kind: 'anyElement' });
      else if (inside === '*') steps.push({ kind: 'any' });
      else if (/^\d{1,9}$/.test(inside)) steps.push({ kind: 'index', index: Number(inside) });
      else if (inside.startsWith('"')) {
        let key: unknown;
        try {
          key = JSON.parse(inside);
        } catch {
          throw bad(text, i + 1, words('errorWords.mask.why.notQuotedKey', { inside }));
        }
        steps.push({ kind: 'key', key: key as string });
      } else throw bad(text, i + 1, words('errorWords.mask.why.insideBrackets', { inside }));
      i = close + 1;
    } else throw bad(text, i, words('errorWords.mask.why.unexpected', { found: c }));
  }
  return { root, steps, text };
}

/** Index of the quote closing the JSON string opening at `start`, or -1. */
function closingQuote(text: string, start: number): number {
  for (let j = start + 1; j < text.length; j++) {
    if (text[j] === '\\') j++;
    else if (text[j] === '"') return j;
  }
  return -1;
}

/** Does `step` accept the object key `key`? */
export const stepTakesKey = (step: MaskStep, key: string): boolean => step.kind === 'any' || (step.kind === 'key' && step.key === key);

/**
 * Does `step` accept the array element at `index`? A null index is an element known only by its key
 * field (a diff's `[sku="A-1"]`): an index step takes it too, since masking too much never leaks.
 */
export const stepTakesElement = (step: MaskStep, index: number | null): boolean =>
  step.kind === 'any' || step.kind === 'anyElement' || (step.kind === 'index' && (index === null || step.index === index));
