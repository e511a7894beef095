// One masker per bundle (or per viewing session): the rules, the secret, and the counts of what it
// masked. Path rules mask the whole value at a path; pattern rules replace each e-mail, card number,
// IBAN or phone number inside any string (object keys and the stream id included) and card numbers
// written as JSON numbers. Every masked value becomes `masked:<hex>` (token.ts).
//
// Text that is not valid JSON (a damaged or foreign row) cannot be searched for a path, so under any
// rule it is masked WHOLE: one token for the entire raw text, and the event's decodeError says so
// instead of quoting the parser (whose message would quote the raw text).
import { createSecretKey } from 'node:crypto';
import type { MaskRule, MaskingSummary } from '../../shared/evidence.ts';
import { withNumbersAsWritten } from '../../shared/numbersAsWritten.ts';
import type { PathSegment } from '../../shared/replay.ts';
import type { StoredEvent } from '../../shared/types.ts';
import type { EventMasker } from '../evidence/services.ts';
import { words } from '../../shared/errorWords/index.ts';
import { LedgerError } from '../errors.ts';
import { MAX_JSON_DEPTH } from '../store/canonicalJson.ts';
import { nestedDeeperThan } from '../store/decode.ts';
import type { RawEvent } from '../store/eventStore.ts';
import { isExactNumber, parseJsonExactly } from '../store/exactJson.ts';
import { parseMaskPath, stepTakesElement, stepTakesKey, type MaskPath, type MaskStep } from './maskPath.ts';
import { findPatterns, numberIsCard, type MaskPattern } from './patterns.ts';
import { maskToken, secretCheck, SECRET_BYTES, TOKEN_SCHEME } from './token.ts';

type Root = 'data' | 'metadata';

/** Where a path rule stands while the walk goes down a value. */
interface Cursor {
  rule: number;
  steps: MaskStep[];
  at: number;
}

export interface Masker extends EventMasker {
  /** The exported form: data and metadata texts masked and re-encoded (numbers keep their written text). */
  maskRawEvent(event: RawEvent): RawEvent;
  /** A value that sits at `segments` inside `root` (a diff side, a blame leaf): masked as the rules say for that place. */
  maskAt(value: unknown, root: Root, segments: readonly PathSegment[]): unknown;
  /** The path segments themselves: keys and key-field values that are masked values become tokens. */
  maskSegments(root: Root, segments: readonly PathSegment[]): PathSegment[];
  /** Pattern rules only, over free text (a warning message, an actor shown alone). */
  maskText(text: string): string;
  /** Whether any rule is set (an empty masker changes nothing). */
  readonly active: boolean;
}

export interface MaskerOptions {
  rules: MaskRule[];
  secret: Buffer;
  /** The kept secret's name (masking-secrets/<id>.key), recorded in the summary. */
  secretId?: string;
}


/** Splits exact numbers back out of a value: JS numbers in the value, their texts by JSON Pointer. */
function splitExactNumbers(value: unknown): { value: unknown; numbers: Record<string, string> | null } {
  const numbers: Record<string, string> = {};
  let found = false;
  const pointerPart = (key: string | number) => String(key).replace(/~/g, '~0').replace(/\//g, '~1');
  const visit = (v: unknown, pointer: string): unknown => {
    if (isExactNumber(v)) {
      numbers[pointer] = v.rawJSON;
      found = true;
      return Number(v.rawJSON);
    }
    if (Array.isArray(v)) return v.map((item, i) => visit(item, `${pointer}/${i}`));
    if (typeof v === 'object' && v !== null) {
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(v)) setOwn(out, key, visit((v as Record<string, unknown>)[key], `${pointer}/${pointerPart(key)}`));
      return out;
    }
    return v;
  };
  const out = visit(value, '');
  return { value: out, numbers: found ? numbers : null };
}

/** Assigns an own property, "__proto__" included (a plain assignment would set the prototype). */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

export function describeRule(rule: MaskRule): string {
  return rule.kind === 'path' ? rule.path : `pattern:${rule.pattern}`;
}

export function createMasker(options: MaskerOptions): Masker {
  const { rules, secret } = options;
  if (!Buffer.isBuffer(secret) || secret.length < SECRET_BYTES) throw new LedgerError('INVALID_INPUT', words('errorWords.mask.secretTooShort', { bytes: SECRET_BYTES }));
  const paths: { rule: number; path: MaskPath }[] = [];
  const patternRule = new Map<MaskPattern, number>();
  rules.forEach((rule, i) => {
    if (rule.kind === 'path') paths.push({ rule: i, path: parseMaskPath(rule.path) });
    else if (!patternRule.has(rule.pattern)) patternRule.set(rule.pattern, i);
  });
  const patterns = new Set(patternRule.keys());
  const counts = rules.map(() => 0);
  const rootCursors: Record<Root, Cursor[]> = {
    data: paths.filter((p) => p.path.root === 'data').map((p) => ({ rule: p.rule, steps: p.path.steps, at: 0 })),
    metadata: paths.filter((p) => p.path.root === 'metadata').map((p) => ({ rule: p.rule, steps: p.path.steps, at: 0 })),
  };
  const active = rules.length > 0;

  const key = createSecretKey(secret);
  const token = (value: unknown, rule: number) => {
    counts[rule]++;
    return maskToken(key, value);
  };
  const complete = (cursors: Cursor[]) => cursors.find((c) => c.at === c.steps.length);
  const byKey = (cursors: Cursor[], key: string) => cursors.filter((c) => stepTakesKey(c.steps[c.at], key)).map((c) => ({ ...c, at: c.at + 1 }));
  const byElement = (cursors: Cursor[], index: number | null) => cursors.filter((c) => stepTakesElement(c.steps[c.at], index)).map((c) => ({ ...c, at: c.at + 1 }));

  function maskText(text: string): string {
    const matches = findPatterns(text, patterns);
    if (matches.length === 0) return text;
    let out = '';
    let at = 0;
    for (const m of matches) {
      out += text.slice(at, m.start) + token(text.slice(m.start, m.end), patternRule.get(m.pattern) as number);
      at = m.end;
    }
    return out + text.slice(at);
  }

  function maskNumberText(text: string): string | null {
    return patterns.has('card') && numberIsCard(text) ? token(text, patternRule.get('card') as number) : null;
  }

  function walk(value: unknown, cursors: Cursor[]): unknown {
    const done = cursors.length > 0 ? complete(cursors) : undefined;
    if (done) return token(value, done.rule);
    if (cursors.length === 0 && patterns.size === 0) return value;
    switch (typeof value) {
      case 'string':
        return maskText(value);
      case 'number':
        return (Number.isSafeInteger(value) && maskNumberText(String(value))) || value;
      case 'object': {
        if (value === null) return value;
        if (isExactNumber(value)) return maskNumberText(value.rawJSON) ?? value;
        if (Array.isArray(value)) return value.map((item, i) => walk(item, cursors.length ? byElement(cursors, i) : cursors));
        const out: Record<string, unknown> = {};
        for (const key of Object.keys(value)) setOwn(out, maskText(key), walk((value as Record<string, unknown>)[key], cursors.length ? byKey(cursors, key) : cursors));
        return out;
      }
      default:
        return value;
    }
  }

  /** Cursors after `segments`, and the index of the first segment inside a masked subtree (or -1). */
  function locate(root: Root, segments: readonly PathSegment[]): { cursors: Cursor[]; maskedFrom: number; rule: number } {
    let cursors = rootCursors[root];
    for (let i = 0; i < segments.length; i++) {
      const done = complete(cursors);
      if (done) return { cursors, maskedFrom: i, rule: done.rule };
      const segment = segments[i];
      cursors = typeof segment === 'string' ? byKey(cursors, segment) : byElement(cursors, typeof segment === 'number' ? segment : null);
    }
    const done = complete(cursors);
    return { cursors, maskedFrom: done ? segments.length : -1, rule: done?.rule ?? -1 };
  }

  function maskScalarText(value: string | number, rule: number): string | number {
    if (rule >= 0) return token(value, rule);
    return typeof value === 'string' ? maskText(value) : ((Number.isSafeInteger(value) && maskNumberText(String(value))) || value);
  }

  /** Text of stored JSON masked; null when it is not JSON (then it is masked whole). */
  function maskJsonText(text: unknown, root: Root): string | null {
    if (typeof text !== 'string' || nestedDeeperThan(text, MAX_JSON_DEPTH)) return null;
    let value: unknown;
    try {
      value = parseJsonExactly(text);
    } catch {
      try {
        value = JSON.parse(text); // duplicate keys (a foreign store): masked as JSON.parse reads them
      } catch {
        return null;
      }
    }
    return JSON.stringify(walk(value, rootCursors[root]));
  }

  /** One token for a whole text that is not JSON: counted under the first rule (any rule masks it). */
  const wholeText = (text: unknown) => token(typeof text === 'string' ? text : String(text), 0);

  return {
    active,
    maskText: (text) => (active ? maskText(text) : text),
    maskValue: (value, root) => (active ? walk(value, rootCursors[root]) : value),
    maskAt(value, root, segments) {
      if (!active) return value;
      const { cursors, rule } = locate(root, segments);
      return rule >= 0 ? token(value, rule) : walk(value, cursors);
    },
    maskSegments(root, segments) {
      if (!active) return [...segments];
      let cursors = rootCursors[root];
      let maskedBy = -1;
      return segments.map((segment) => {
        if (maskedBy < 0) maskedBy = complete(cursors)?.rule ?? -1;
        let out: PathSegment;
        if (typeof segment === 'number') out = segment;
        else if (typeof segment === 'string') out = maskedBy >= 0 ? (token(segment, maskedBy) as string) : maskText(segment);
        else {
          // An element known by its key field: that field's value is data (e.g. an e-mail address).
          const keyRule = maskedBy >= 0 ? maskedBy : (complete(byKey(byElement(cursors, null), segment.key))?.rule ?? -1);
          out = { key: segment.key, value: maskScalarText(segment.value, keyRule) };
        }
        if (maskedBy < 0) cursors = typeof segment === 'string' ? byKey(cursors, segment) : byElement(cursors, typeof segment === 'number' ? segment : null);
        return out;
      });
    },
    maskEvent(event) {
      if (!active) return event;
      const problems: string[] = [];
      const dataUndecodable = event.decodeError !== undefined && typeof event.data === 'string' && event.decodeError.includes('data is not valid JSON');
      const metadataUndecodable = event.decodeError !== undefined && event.decodeError.includes('metadata is not valid JSON');
      let data: unknown;
      if (dataUndecodable) {
        data = wholeText(event.data);
        problems.push('data is not valid JSON (its raw text is masked whole)');
      } else data = walk(withNumbersAsWritten(event.data, event.numbersAsWritten?.data), rootCursors.data);
      let metadata: unknown;
      if (metadataUndecodable) {
        metadata = { raw: wholeText(event.metadata.raw) };
        problems.push('metadata is not valid JSON (its raw text is masked whole)');
      } else {
        metadata = walk(withNumbersAsWritten(event.metadata, event.numbersAsWritten?.metadata), rootCursors.metadata);
        if (event.decodeError?.includes('metadata is not a JSON object')) problems.push('metadata is not a JSON object');
      }
      const splitData = splitExactNumbers(data);
      const splitMetadata = splitExactNumbers(metadata);
      const { numbersAsWritten: _dropped, decodeError: _replaced, ...rest } = event;
      const masked: StoredEvent = { ...rest, streamId: maskText(event.streamId), data: splitData.value, metadata: splitMetadata.value as Record<string, unknown> };
      if (event.decodeError !== undefined) masked.decodeError = problems.length ? problems.join('; ') : 'the stored text could not be read (details masked)';
      if (splitData.numbers || splitMetadata.numbers) {
        masked.numbersAsWritten = { ...(splitData.numbers && { data: splitData.numbers }), ...(splitMetadata.numbers && { metadata: splitMetadata.numbers }) };
      }
      return masked;
    },
    maskRawEvent(event) {
      if (!active) return event;
      const dataText = maskJsonText(event.dataText, 'data') ?? wholeText(event.dataText);
      const metadataText = maskJsonText(event.metadataText, 'metadata') ?? wholeText(event.metadataText);
      return { ...event, streamId: maskText(event.streamId), dataText, metadataText };
    },
    summary(): MaskingSummary {
      return {
        rules: rules.map((rule) => ({ ...rule })),
        scheme: TOKEN_SCHEME,
        maskedValues: counts.reduce((a, b) => a + b, 0),
        counts: [...counts],
        ...(options.secretId ? { secretId: options.secretId } : {}),
        secretCheck: secretCheck(secret),
      };
    },
  };
}

/** Checks every rule now (a bad path fails before any export starts). */
export function validateRules(rules: MaskRule[]): void {
  for (const rule of rules) if (rule.kind === 'path') parseMaskPath(rule.path);
}

