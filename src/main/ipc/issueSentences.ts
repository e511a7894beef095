// Validation failures in people's words. zod reports contract names and its own phrasing
// ("events/histogram: streamPrefix: Too big: expected string to have <=1024 characters"); people
// read "The stream prefix is too long (at most 1,024 characters)." The channel and the exact field
// paths stay in the error's details for whoever debugs it.
import type { z } from 'zod';

/** Contract field names → what the screens and the CLI call them. */
const FIELD_WORDS: Record<string, string> = {
  streamId: 'stream id',
  version: 'version',
  from: 'first version',
  to: 'second version',
  upTo: 'last version',
  fromVersion: 'first version',
  toVersion: 'last version',
  fromPosition: 'start position',
  toPosition: 'end position',
  position: 'position',
  time: 'time',
  fromTime: 'start time',
  toTime: 'end time',
  limit: 'page size',
  types: 'event types',
  streamPrefix: 'stream prefix',
  prefix: 'stream prefix',
  category: 'category',
  search: 'search text',
  sort: 'sort order',
  after: 'page cursor',
  direction: 'direction',
  actor: 'actor',
  correlationId: 'correlation id',
  causationId: 'causation id',
  buckets: 'number of buckets',
  projection: 'projection',
  maxChanges: 'maximum number of changes',
  segments: 'field path',
  ref: 'event reference',
  path: 'file path',
  input: 'file to import',
  out: 'new store file',
  format: 'format',
  mapping: 'column mapping',
  skipBad: 'skip-bad-records choice',
  expectHead: 'expected chain head',
  id: 'job id',
  what: 'kind of export',
  scope: 'events to export',
  kind: 'kind of selection',
};

const TIME_FIELDS = new Set(['time', 'fromTime', 'toTime']);

const count = (n: unknown) => (typeof n === 'number' || typeof n === 'bigint' ? Number(n).toLocaleString('en-US') : String(n));

/** The field an issue is about: the last named key on its path ("types.3" → "event types"). */
function fieldOf(path: readonly PropertyKey[]): { key: string | null; words: string } {
  for (let i = path.length - 1; i >= 0; i--) {
    const key = path[i];
    if (typeof key === 'string') {
      const words = FIELD_WORDS[key] ?? key;
      return { key, words: i < path.length - 1 ? `each of the ${words}` : words };
    }
  }
  return { key: null, words: 'request' };
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

const EXPECTED_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'yes or no (true or false)',
  object: 'a set of named values',
  array: 'a list',
};

export function issueSentence(issue: z.core.$ZodIssue): string {
  const { key, words } = fieldOf(issue.path);
  const the = `The ${words}`;
  if (key !== null && TIME_FIELDS.has(key) && (issue.code === 'invalid_type' || issue.code === 'invalid_union' || issue.code === 'too_big' || issue.code === 'too_small')) {
    return `${the} is not a date: use ISO-8601 (2026-03-01T12:00:00Z) or epoch milliseconds.`;
  }
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.path.length === 0) return 'The request has no arguments where some are needed.';
      if ((issue as { input?: unknown }).input === undefined && /received undefined/.test(issue.message)) return `${the} is missing.`;
      return `${the} must be ${EXPECTED_WORDS[issue.expected] ?? issue.expected}.`;
    }
    case 'too_big':
      if (issue.origin === 'string') return `${the} is too long (at most ${count(issue.maximum)} characters).`;
      if (issue.origin === 'array' || issue.origin === 'set') return `${the} has too many entries (at most ${count(issue.maximum)}).`;
      return `${the} must be at most ${count(issue.maximum)}.`;
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? `${the} is empty.` : `${the} is too short (at least ${count(issue.minimum)} characters).`;
      if (issue.origin === 'array' || issue.origin === 'set') return `${the} needs at least ${count(issue.minimum)} entries.`;
      return `${the} must be at least ${count(issue.minimum)}.`;
    case 'invalid_value':
      return `${the} must be one of: ${issue.values.map((v) => String(v)).join(', ')}.`;
    case 'unrecognized_keys': {
      const where = issue.path.length > 0 ? ` in the ${words}` : '';
      return `${capitalised(issue.keys.length === 1 ? `'${issue.keys[0]}' is not a known option` : `'${issue.keys.join("', '")}' are not known options`)}${where}.`;
    }
    case 'invalid_union': {
      const options = (issue as { options?: unknown[] }).options;
      if (Array.isArray(options)) return `${the} must be one of: ${options.map(String).join(', ')}.`;
      return `${the} is not valid.`;
    }
    case 'invalid_format':
      // A schema's own message (e.g. 'a chain head is 64 hexadecimal characters') is already in words.
      return /^Invalid/.test(issue.message) ? `${the} is not in the right form.` : `${the} is not valid: ${issue.message}.`;
    case 'custom':
      // A refinement's own message names the value and what is wrong with it, in words already.
      return issue.message && !/^Invalid/.test(issue.message) ? `${the} ${issue.message.replace(/(?<![.!?])$/, '.')}` : `${the} is not valid.`;
    default:
      return `${the} is not valid.`;
  }
}

export function describeIssues(error: z.ZodError): { message: string; fields: { field: string; problem: string }[] } {
  const sentences: string[] = [];
  const fields: { field: string; problem: string }[] = [];
  for (const issue of error.issues.slice(0, 5)) {
    const sentence = issueSentence(issue);
    // One sentence per problem: a union reports the same field once per alternative.
    if (!sentences.includes(sentence)) sentences.push(sentence);
    fields.push({ field: issue.path.length ? issue.path.join('.') : '(input)', problem: issue.message });
  }
  return { message: sentences.slice(0, 3).join(' '), fields };
}
