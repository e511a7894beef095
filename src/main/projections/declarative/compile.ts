// A validated file → rules ready to apply: paths and values read once, each rule a function of
// (state, event) that returns the next state. A rule that cannot apply throws an Error naming it
// the way load problems are named (`on.BookBorrowed[0] (append onLoan): …`), so the message points
// at the line to fix.
import type { Reference, StatePath } from './path.ts';
import { PathProblem, parseStatePath } from './path.ts';
import { jsonPathText, OPERATIONS, type DeclarativeFile, type Operation, type RuleSpec } from './schema.ts';
import { describeValue, MISSING, REMOVE, updateAt, type Leaf } from './update.ts';
import { compileValue, evaluate, ValueProblem, type EventContext, type Template } from './values.ts';

export type CompiledRule = (state: unknown, context: EventContext) => unknown;

export interface CompiledRules {
  /** Rules per event type; "*" applies to the types without their own rules. */
  byType: ReadonlyMap<string, readonly CompiledRule[]>;
  fallback: readonly CompiledRule[] | null;
  needsMetadata: boolean;
}

/** A problem in the file at a JSON path. */
export class RuleProblem extends Error {
  constructor(path: (string | number)[], why: string) {
    super(`${jsonPathText(path)}: ${why}`);
  }
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Deep equality of JSON values (removeByKey compares a field with a value that may be an object). */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((item, i) => sameJson(item, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && sameJson(a[key], b[key]));
  }
  return false;
}

function leafFor(op: Operation, rule: RuleSpec, value: Template | null, by: Template | null, context: EventContext): { leaf: Leaf; creates: boolean } {
  switch (op) {
    case 'set': {
      const next = evaluate(value!, context);
      // Setting what is already there (a number, a text) keeps the very same state.
      return { leaf: (current) => (current !== MISSING && Object.is(current, next) ? current : next), creates: true };
    }
    case 'unset':
      return { leaf: (current) => (current === MISSING ? MISSING : REMOVE), creates: false };
    case 'merge': {
      const patch = evaluate(value!, context);
      if (!isPlainObject(patch)) throw new Error(`merge needs an object as its value, but the value is ${describeValue(patch)}`);
      return {
        leaf: (current) => {
          if (current === MISSING) return { ...patch };
          if (!isPlainObject(current)) throw new Error(`cannot merge into ${describeValue(current)}; merge needs an object there`);
          const changes = Object.keys(patch).some((key) => !Object.hasOwn(current, key) || !Object.is(current[key], patch[key]));
          return changes ? { ...current, ...patch } : current;
        },
        creates: true,
      };
    }
    case 'increment': {
      const amount = by === null ? 1 : evaluate(by, context);
      if (typeof amount !== 'number' || !Number.isFinite(amount)) throw new Error(`"by" must be a number, but is ${describeValue(amount)}`);
      return {
        leaf: (current) => {
          // A missing number starts at 0: a counter needs no entry in initialState.
          const base = current === MISSING ? 0 : current;
          if (typeof base !== 'number') throw new Error(`cannot increment ${describeValue(current)}; increment needs a number there`);
          const sum = base + amount;
          if (!Number.isFinite(sum)) throw new Error(`${base} + ${amount} is too large a number`);
          return amount === 0 && current !== MISSING ? current : sum;
        },
        creates: true,
      };
    }
    case 'append': {
      const item = evaluate(value!, context);
      return {
        leaf: (current) => {
          if (current === MISSING) return [item];
          if (!Array.isArray(current)) throw new Error(`cannot append to ${describeValue(current)}; append needs a list there`);
          return [...current, item];
        },
        creates: true,
      };
    }
    case 'removeByKey': {
      const field = rule.key!;
      const match = evaluate(value!, context);
      return {
        leaf: (current) => {
          if (current === MISSING) return MISSING;
          if (!Array.isArray(current)) throw new Error(`cannot remove from ${describeValue(current)}; removeByKey needs a list there`);
          const kept = current.filter((element) => !(isPlainObject(element) && Object.hasOwn(element, field) && sameJson(element[field], match)));
          return kept.length === current.length ? current : kept;
        },
        creates: false,
      };
    }
  }
}

function compileRule(rule: RuleSpec, path: (string | number)[], onReference: (ref: Reference) => void): CompiledRule {
  const op = OPERATIONS.find((o) => rule[o] !== undefined)!;
  let target: StatePath;
  try {
    target = parseStatePath(rule[op]!);
    for (const segment of target.segments) if (segment.kind === 'dynamicKey' || segment.kind === 'dynamicMatch') onReference(segment.ref);
  } catch (error) {
    if (error instanceof PathProblem) throw new RuleProblem([...path, op], error.message);
    throw error;
  }
  const template = (field: 'value' | 'by'): Template | null => {
    if (rule[field] === undefined) return null;
    try {
      return compileValue(rule[field], onReference);
    } catch (error) {
      if (error instanceof ValueProblem) throw new RuleProblem([...path, field, ...error.path], error.message);
      throw error;
    }
  };
  const value = template('value');
  const by = template('by');
  // Literals that can never work are refused now rather than at the first event.
  if (op === 'merge' && value?.kind === 'literal' && !isPlainObject(value.value)) {
    throw new RuleProblem([...path, 'value'], `merge needs an object, such as { "city": "$data.city" }, not ${describeValue(value.value)}`);
  }
  if (op === 'merge' && value?.kind === 'array') throw new RuleProblem([...path, 'value'], 'merge needs an object, not a list');
  if (by?.kind === 'literal' && (typeof by.value !== 'number' || !Number.isFinite(by.value))) {
    throw new RuleProblem([...path, 'by'], `"by" must be a number or a reference such as "$data.amount", not ${describeValue(by.value)}`);
  }
  if (by && by.kind !== 'literal' && by.kind !== 'ref') throw new RuleProblem([...path, 'by'], '"by" must be a number or a reference such as "$data.amount"');
  const label = `${jsonPathText(path)} (${op} ${target.text})`;
  return (state, context) => {
    try {
      const { leaf, creates } = leafFor(op, rule, value, by, context);
      return updateAt(state, target.segments, leaf, creates, context);
    } catch (error) {
      // A stack overflow on absurdly deep event data lands here too: a message, not a crash.
      throw new Error(`${label}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
}

export function compileRules(file: DeclarativeFile): CompiledRules {
  let needsMetadata = false;
  const onReference = (ref: Reference) => {
    if (ref.kind === 'metadata') needsMetadata = true;
  };
  const byType = new Map<string, CompiledRule[]>();
  let fallback: CompiledRule[] | null = null;
  for (const type of Object.keys(file.on)) {
    const rules = file.on[type].map((rule, i) => compileRule(rule, ['on', type, i], onReference));
    if (type === '*') fallback = rules;
    else byType.set(type, rules);
  }
  return { byType, fallback, needsMetadata };
}

/** The rules of a type applied in order; the state passed in when there are none. */
export function applyRules(rules: CompiledRules, state: unknown, context: EventContext): unknown {
  const list = rules.byType.get(context.event.type) ?? rules.fallback;
  if (!list) return state;
  let next = state;
  for (const rule of list) next = rule(next, context);
  return next;
}
