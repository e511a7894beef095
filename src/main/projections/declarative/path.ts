// Paths and references of a declarative projection, read once at load.
//
// A path into the state is written the way the app shows paths (replay/jsonPath.ts), so a path
// copied from the state view or a blame works in a rule: `fines`, `address.city`, `items[0].qty`,
// `items[sku="A-1"].qty`, `["odd key"]`, with an optional leading `$` / `$.`. Two forms take a part
// from the event instead of the file: `members[$data.memberId]` (a key, or an index inside a list)
// and `items[sku=$data.sku]` (the element of a list whose `sku` equals the event's value).
//
// A reference is a string value that starts with `$`: `$data`, `$data.isbn`, `$metadata.user.id`,
// `$data.lines[0].sku`, or one of the event's own fields `$type`, `$streamId`, `$version`,
// `$position`, `$recordedAt`. `$$…` is a literal text starting with `$`.
//
// Never throws anything but PathProblem, whose message says what is wrong in the user's words.

export class PathProblem extends Error {}

/** Keys that would reach an object's prototype instead of a field: refused in every path. */
export const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export const MAX_PATH_TEXT = 1000;
export const MAX_PATH_SEGMENTS = 32;

export type EventField = 'type' | 'streamId' | 'version' | 'position' | 'recordedAt';
export type Reference =
  | { kind: 'data' | 'metadata'; segments: StaticSegment[]; text: string }
  | { kind: 'event'; field: EventField; text: string };

/** A part of a path fixed in the file. */
export type StaticSegment =
  | { kind: 'key'; key: string }
  | { kind: 'index'; index: number }
  | { kind: 'match'; field: string; value: string | number };

/** A part of a state path: fixed, or taken from the event when a rule applies. */
export type Segment = StaticSegment | { kind: 'dynamicKey'; ref: Reference } | { kind: 'dynamicMatch'; field: string; ref: Reference };

export interface StatePath {
  text: string;
  segments: Segment[];
}

const EVENT_FIELDS: ReadonlySet<string> = new Set<EventField>(['type', 'streamId', 'version', 'position', 'recordedAt']);
/** Characters that end a bare name (after `.` or at the start). */
const NAME_STOP = /[.[\]"=\s]/;
const INTEGER = /^(?:0|[1-9]\d*)$/;
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const REFERENCE_HINT = 'references are $data, $data.<path>, $metadata, $metadata.<path>, $type, $streamId, $version, $position and $recordedAt; write $$ for a text that starts with $';

const checkKey = (key: string, text: string): string => {
  if (PROTOTYPE_KEYS.has(key)) throw new PathProblem(`"${text}" uses "${key}", which is refused in paths (it would reach JavaScript's object prototype)`);
  return key;
};

/** Reads `text` from `at`; `allowReferences` lets bracket parts come from the event (state paths only). */
class Reader {
  i = 0;
  readonly text: string;
  readonly allowReferences: boolean;
  constructor(text: string, allowReferences: boolean) {
    this.text = text;
    this.allowReferences = allowReferences;
  }

  fail(why: string): never {
    throw new PathProblem(`"${this.text}" is not a path: ${why} (at character ${this.i + 1})`);
  }

  name(): string {
    const start = this.i;
    while (this.i < this.text.length && !NAME_STOP.test(this.text[this.i])) this.i++;
    if (this.i === start) this.fail('a name is missing');
    const name = this.text.slice(start, this.i);
    if (name.startsWith('$')) this.fail(`a name cannot start with $ here; write ["${name}"] for a key that does`);
    return checkKey(name, this.text);
  }

  /** A JSON string starting at the `"` under the cursor. */
  quoted(): string {
    const start = this.i;
    this.i++;
    while (this.i < this.text.length && this.text[this.i] !== '"') this.i += this.text[this.i] === '\\' ? 2 : 1;
    if (this.i >= this.text.length) this.fail('a quote is never closed');
    this.i++;
    try {
      return JSON.parse(this.text.slice(start, this.i)) as string;
    } catch {
      this.i = start;
      return this.fail('the quoted key is not a valid JSON string');
    }
  }

  /** Raw text up to the next `]` outside quotes (`[sku="A]1"]`). */
  untilClose(): string {
    const start = this.i;
    let quoted = false;
    while (this.i < this.text.length && (quoted || this.text[this.i] !== ']')) {
      if (this.text[this.i] === '"') quoted = !quoted;
      else if (quoted && this.text[this.i] === '\\') this.i++;
      this.i++;
    }
    return this.text.slice(start, this.i).trim();
  }

  reference(raw: string): Reference {
    if (!this.allowReferences) this.fail('a reference cannot appear inside a reference');
    return parseReference(raw);
  }

  /** What is inside `[...]`, the cursor just after the `[`. */
  bracket(): Segment {
    let segment: Segment;
    if (this.text[this.i] === '"') {
      const key = checkKey(this.quoted(), this.text);
      while (this.text[this.i] === ' ') this.i++;
      if (this.text[this.i] === '=') {
        this.i++;
        segment = this.match(key, this.untilClose());
      } else segment = { kind: 'key', key };
    } else {
      const at = this.i;
      const raw = this.untilClose();
      const equals = raw.indexOf('=');
      if (raw === '') this.fail('[] needs an index, a "key" or field=value');
      if (equals >= 0) segment = this.match(checkKey(raw.slice(0, equals).trim(), this.text), raw.slice(equals + 1).trim());
      else if (INTEGER.test(raw)) {
        const index = Number(raw);
        if (!Number.isSafeInteger(index)) this.fail(`${raw} is too large for an index`);
        segment = { kind: 'index', index };
      } else if (raw.startsWith('$')) segment = { kind: 'dynamicKey', ref: this.reference(raw) };
      else {
        this.i = at;
        this.fail(`[${raw}] is neither an index nor a quoted key; write [0] for a position, ["${raw}"] for a key, or field=value for an element`);
      }
    }
    if (this.text[this.i] !== ']') this.fail('a ] is missing');
    this.i++;
    return segment;
  }

  /** `field=value` of `[field=value]`: the element of a list whose field has that value. */
  match(field: string, valueText: string): Segment {
    if (field === '') this.fail('a field name is missing before =');
    if (valueText.startsWith('$')) return { kind: 'dynamicMatch', field, ref: this.reference(valueText) };
    if (NUMBER.test(valueText)) return { kind: 'match', field, value: Number(valueText) };
    if (valueText.startsWith('"')) {
      let value: unknown;
      try {
        value = JSON.parse(valueText);
      } catch {
        // reported below
      }
      if (typeof value === 'string') return { kind: 'match', field, value };
      this.fail(`${valueText} is not a valid JSON string`);
    }
    return this.fail(`the value after ${field}= must be "text", a number or a reference such as $data.${field}`);
  }

  /** Segments from the cursor to the end of the text. */
  segments(first: boolean): Segment[] {
    const segments: Segment[] = [];
    let expectName = first;
    while (this.i < this.text.length) {
      const c = this.text[this.i];
      if (c === '[') {
        this.i++;
        segments.push(this.bracket());
      } else if (c === '.') {
        this.i++;
        segments.push({ kind: 'key', key: this.name() });
      } else if (expectName) {
        segments.push({ kind: 'key', key: this.name() });
      } else this.fail(`expected . or [ but found ${JSON.stringify(c)}`);
      expectName = false;
      if (segments.length > MAX_PATH_SEGMENTS) this.fail(`a path has at most ${MAX_PATH_SEGMENTS} parts`);
    }
    return segments;
  }
}

/** A path into the state (the target of a rule). The whole state is not a target: rules change parts of it. */
export function parseStatePath(text: string): StatePath {
  if (text.length > MAX_PATH_TEXT) throw new PathProblem(`a path is at most ${MAX_PATH_TEXT} characters long`);
  const reader = new Reader(text, true);
  if (text.startsWith('$.')) reader.i = 2;
  else if (text.startsWith('$[')) reader.i = 1;
  else if (text === '$') reader.i = 1;
  const segments = reader.segments(reader.i !== 1);
  if (segments.length === 0) throw new PathProblem(`"${text}" names the whole state; a rule changes a part of it, such as "fines" or "address.city"`);
  return { text, segments };
}

/** A reference: the text of a value that starts with `$` (and not `$$`). */
export function parseReference(text: string): Reference {
  if (text.length > MAX_PATH_TEXT) throw new PathProblem(`a reference is at most ${MAX_PATH_TEXT} characters long`);
  const match = /^\$([A-Za-z]+)/.exec(text);
  const head = match?.[1] ?? '';
  if (head === 'data' || head === 'metadata') {
    const reader = new Reader(text, false);
    reader.i = head.length + 1;
    const rest = text.slice(reader.i);
    if (rest !== '' && rest[0] !== '.' && rest[0] !== '[') throw new PathProblem(`"${text}" is not a reference: ${REFERENCE_HINT}`);
    return { kind: head, segments: reader.segments(false) as StaticSegment[], text };
  }
  if (EVENT_FIELDS.has(head) && text.length === head.length + 1) return { kind: 'event', field: head as EventField, text };
  if (EVENT_FIELDS.has(head)) throw new PathProblem(`"${text}": $${head} is a single value, it has no parts`);
  throw new PathProblem(`"${text}" is not a reference: ${REFERENCE_HINT}`);
}

/** A segment as the app writes it (jsonPath.ts): for messages. */
export function segmentLabel(segment: StaticSegment): string {
  if (segment.kind === 'index') return `[${segment.index}]`;
  if (segment.kind === 'key') return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(segment.key) ? `.${segment.key}` : `[${JSON.stringify(segment.key)}]`;
  return `[${segment.field}=${JSON.stringify(segment.value)}]`;
}
