// Values of a rule: literals from the file, and references into the event, substituted at any depth
// of an object or list. Compiled once at load into a template; evaluated per event.
import type { ReplayEvent } from '../../store/eventStore.ts';
import { PathProblem, parseReference, segmentLabel, type Reference, type StaticSegment } from './path.ts';

export type Template =
  | { kind: 'literal'; value: unknown }
  | { kind: 'ref'; ref: Reference }
  | { kind: 'object'; entries: [string, Template][] }
  | { kind: 'array'; items: Template[] };

/** What a rule sees of the event it applies: the event, and its stream (ReplayEvent does not carry it). */
export interface EventContext {
  event: ReplayEvent;
  streamId: string | null;
}

/** A problem in the file, at a JSON path relative to the value being compiled. */
export class ValueProblem extends Error {
  readonly path: (string | number)[];
  constructor(message: string, path: (string | number)[]) {
    super(message);
    this.path = path;
  }
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A JSON value of the file as a template. Strings starting with `$` are references (`$$` escapes
 * one `$`); everything else is literal. Subtrees without references stay one literal.
 */
export function compileValue(value: unknown, onReference: (ref: Reference) => void, path: (string | number)[] = []): Template {
  if (typeof value === 'string' && value.startsWith('$')) {
    if (value.startsWith('$$')) return { kind: 'literal', value: value.slice(1) };
    try {
      const ref = parseReference(value);
      onReference(ref);
      return { kind: 'ref', ref };
    } catch (error) {
      if (error instanceof PathProblem) throw new ValueProblem(error.message, path);
      throw error;
    }
  }
  if (Array.isArray(value)) {
    const items = value.map((item, i) => compileValue(item, onReference, [...path, i]));
    // Collapsed from the compiled items, not `value`: a `$$` inside is already unescaped there.
    return items.every((t) => t.kind === 'literal') ? { kind: 'literal', value: items.map((t) => (t as { value: unknown }).value) } : { kind: 'array', items };
  }
  if (isPlainObject(value)) {
    const entries: [string, Template][] = [];
    for (const key of Object.keys(value)) {
      // JSON.parse makes "__proto__" an own key; copying it into a state would set a prototype.
      if (key === '__proto__') throw new ValueProblem('"__proto__" is refused as a key (it would reach JavaScript\'s object prototype)', [...path, key]);
      entries.push([key, compileValue(value[key], onReference, [...path, key])]);
    }
    if (!entries.every(([, t]) => t.kind === 'literal')) return { kind: 'object', entries };
    const literal: Record<string, unknown> = {};
    for (const [key, t] of entries) literal[key] = (t as { value: unknown }).value;
    return { kind: 'literal', value: literal };
  }
  return { kind: 'literal', value };
}

/** A fresh copy of a JSON value of the file: states never share an object with the rules. */
export function copyJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copyJson);
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    // Keys were checked at load ("__proto__" refused), so plain assignment makes own properties.
    for (const key of Object.keys(value)) out[key] = copyJson(value[key]);
    return out;
  }
  return value;
}

export function evaluate(template: Template, context: EventContext): unknown {
  switch (template.kind) {
    case 'literal':
      return copyJson(template.value);
    case 'ref':
      return resolveReference(template.ref, context);
    case 'array':
      return template.items.map((item) => evaluate(item, context));
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, item] of template.entries) out[key] = evaluate(item, context);
      return out;
    }
  }
}

/** The value a reference names in this event; throws (naming the reference) when there is none. */
export function resolveReference(ref: Reference, { event, streamId }: EventContext): unknown {
  if (ref.kind === 'event') {
    switch (ref.field) {
      case 'type':
        return event.type;
      case 'version':
        return event.version;
      case 'position':
        return event.position;
      case 'streamId':
        if (streamId === null) throw new Error(`${ref.text} is not known here (the event came without its stream)`);
        return streamId;
      case 'recordedAt': {
        const date = new Date(event.recordedAtMs);
        if (Number.isNaN(date.getTime())) throw new Error(`${ref.text}: the event has no valid recording time`);
        return date.toISOString();
      }
    }
  }
  const root = ref.kind === 'data' ? event.data : event.metadata;
  if (root === undefined || (root === null && ref.segments.length > 0)) {
    throw new Error(`${ref.text}: the event has no ${ref.kind}${ref.kind === 'metadata' && root === undefined ? ' (it was read without metadata)' : ''}`);
  }
  return readPath(root, ref.segments, ref);
}

function readPath(root: unknown, segments: readonly StaticSegment[], ref: Reference): unknown {
  let value = root;
  let walked = `$${ref.kind === 'event' ? ref.field : ref.kind}`;
  for (const segment of segments) {
    const next = stepInto(value, segment);
    walked += segmentLabel(segment);
    if (next === MISSING) throw new Error(`${ref.text}: the event has no ${walked.slice(1)}`);
    value = next;
  }
  return value;
}

const MISSING = Symbol('missing');

/** One step of a read; own fields only, so `toString` of an object is never "found". */
function stepInto(value: unknown, segment: StaticSegment): unknown {
  switch (segment.kind) {
    case 'key':
      return isPlainObject(value) && Object.hasOwn(value, segment.key) ? value[segment.key] : MISSING;
    case 'index':
      return Array.isArray(value) && segment.index < value.length ? value[segment.index] : MISSING;
    case 'match':
      if (!Array.isArray(value)) return MISSING;
      for (const element of value) if (isPlainObject(element) && Object.hasOwn(element, segment.field) && element[segment.field] === segment.value) return element;
      return MISSING;
  }
}
