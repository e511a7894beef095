// The shape of a *.projection.json file (zod), its limits, and zod's complaints in people's words
// with the JSON path of the problem ("on.BookBorrowed[0]: …"). Paths and references inside the
// strings are read afterwards by compile.ts, which reports in the same way.
import { z } from 'zod';
import { FieldUnitsSchema } from '../../../shared/units.ts';

export const LIMITS = {
  /** Bytes of the file: a rules file is a few kB; anything near this is not one. */
  maxBytes: 1024 * 1024,
  /** Nesting of any JSON value in the file (initial state, rule values). */
  maxDepth: 64,
  maxEventTypes: 1000,
  maxRulesPerType: 100,
  maxRules: 5000,
} as const;

export const OPERATIONS = ['set', 'merge', 'unset', 'increment', 'append', 'removeByKey'] as const;
export type Operation = (typeof OPERATIONS)[number];

const text = (max: number) => z.string().max(max, { error: `is longer than ${max} characters` });
const nonEmpty = (max: number) => text(max).min(1, { error: 'must not be empty' });
const names = z.array(nonEmpty(256)).max(1000, { error: 'lists more than 1000 entries' });

const rule = z
  .strictObject({
    set: z.string().optional(),
    merge: z.string().optional(),
    unset: z.string().optional(),
    increment: z.string().optional(),
    append: z.string().optional(),
    removeByKey: z.string().optional(),
    value: z.unknown().optional(),
    by: z.unknown().optional(),
    key: nonEmpty(256).optional(),
    /** Free text for the reader of the file (JSON has no comments). */
    comment: text(2000).optional(),
  })
  .superRefine((r, ctx) => {
    const ops = OPERATIONS.filter((op) => r[op] !== undefined);
    if (ops.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: ops.length === 0 ? `a rule needs one operation: ${OPERATIONS.join(', ')}` : `a rule has one operation, this one has ${ops.join(' and ')}`,
      });
      return;
    }
    const op = ops[0];
    const needsValue = op === 'set' || op === 'merge' || op === 'append' || op === 'removeByKey';
    if (needsValue && r.value === undefined) ctx.addIssue({ code: 'custom', message: `${op} needs a "value"`, path: ['value'] });
    if (!needsValue && r.value !== undefined) ctx.addIssue({ code: 'custom', message: `${op} takes no "value"${op === 'increment' ? ' (the amount is "by")' : ''}`, path: ['value'] });
    if (op !== 'increment' && r.by !== undefined) ctx.addIssue({ code: 'custom', message: `only increment takes "by"`, path: ['by'] });
    if (op === 'removeByKey' && r.key === undefined) ctx.addIssue({ code: 'custom', message: 'removeByKey needs a "key": the field of the elements to compare with "value"', path: ['key'] });
    if (op !== 'removeByKey' && r.key !== undefined) ctx.addIssue({ code: 'custom', message: `only removeByKey takes "key"`, path: ['key'] });
  });

export type RuleSpec = z.infer<typeof rule>;

export const declarativeFileSchema = z.strictObject({
  /** Editors' schema hint; ignored. */
  $schema: z.string().optional(),
  name: nonEmpty(128),
  version: z.number({ error: 'must be a number' }).int({ error: 'must be a whole number' }).min(0, { error: 'must be 0 or more' }).max(1e9),
  description: text(2000).optional(),
  appliesTo: z
    .strictObject({ categories: names.optional(), streamPrefixes: names.optional(), types: names.optional() })
    .refine((a) => (a.categories?.length ?? 0) + (a.streamPrefixes?.length ?? 0) + (a.types?.length ?? 0) > 0, {
      error: 'names no stream: give "categories", "streamPrefixes" or "types" (first event types), each a non-empty list',
    }),
  initialState: z.unknown().optional(),
  /** Money and decimals in the state, for display (shared/units.ts). */
  units: FieldUnitsSchema.optional(),
  on: z
    .record(nonEmpty(256), z.array(rule).max(LIMITS.maxRulesPerType, { error: `has more than ${LIMITS.maxRulesPerType} rules for one event type` }))
    .superRefine((on, ctx) => {
      const types = Object.keys(on);
      if (types.length > LIMITS.maxEventTypes) ctx.addIssue({ code: 'custom', message: `has rules for more than ${LIMITS.maxEventTypes} event types` });
      let total = 0;
      for (const type of types) total += on[type].length;
      if (total > LIMITS.maxRules) ctx.addIssue({ code: 'custom', message: `has more than ${LIMITS.maxRules} rules in all` });
    }),
});

export type DeclarativeFile = z.infer<typeof declarativeFileSchema>;

/** A JSON path as the messages show it: `on.BookBorrowed[0].value`, `on["*"][1]`. */
export function jsonPathText(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else {
      const key = String(part);
      out += /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${out === '' ? '' : '.'}${key}` : `[${JSON.stringify(key)}]`;
    }
  }
  return out;
}

const TYPE_NAMES: Record<string, string> = { string: 'a text', number: 'a number', boolean: 'true or false', array: 'a list', object: 'an object', null: 'null', undefined: 'missing' };

function issueMessage(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'unrecognized_keys': {
      const keys = issue.keys.map((k) => JSON.stringify(k)).join(', ');
      const last = issue.path[issue.path.length - 1];
      const where = issue.path.length === 0 ? 'a projection' : typeof last === 'number' ? 'a rule' : `"${String(last)}"`;
      const known =
        typeof last === 'number' ? `a rule has one of ${OPERATIONS.join(', ')}, with value, by, key and comment` : issue.path.length === 0 ? 'the fields are name, version, description, appliesTo, initialState, units and on' : 'check the spelling';
      return `unknown field ${keys} in ${where} (${known})`;
    }
    case 'invalid_type': {
      // A message this schema chose ("must be a whole number") stands; zod's own are reworded.
      if (!issue.message.startsWith('Invalid input')) return issue.message;
      const expected = TYPE_NAMES[issue.expected] ?? issue.expected;
      return issue.message.includes('received undefined') ? `is missing (it must be ${expected})` : `must be ${expected}`;
    }
    default:
      return issue.message;
  }
}

/** The first problem zod found, with its JSON path, and how many more there are. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const first = issues[0];
  const where = jsonPathText(first.path);
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
  return `${where === '' ? 'The file' : where}: ${issueMessage(first)}${more}`;
}
