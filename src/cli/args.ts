// Argument parsing on node:util parseArgs, with the integer and store-path checks every command shares.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { parseActorFilter } from '../shared/actorFilter.ts';
import { parseTimeBound, parseTimeRange } from '../shared/timeRange.ts';
import { actorFilterText, rangeFailureText, rangeText, timeProblemText } from '../shared/timeRangeWords.ts';
import { UsageError } from './io.ts';
import { t } from './i18n/index.ts';

export type Options = NonNullable<ParseArgsConfig['options']>;

export const COMMON_OPTIONS = {
  json: { type: 'boolean' },
  store: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  // A database's home-grown events table: --table schema.table --map streamId=col … (see README).
  table: { type: 'string' },
  map: { type: 'string', multiple: true },
} as const satisfies Options;

/** Which store a command reads: a file or a database URL, and for a database an optional mapped table. */
export interface StoreTarget {
  target: string;
  table?: string;
  map?: string[];
}

export function parse<T extends Options>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options: { ...COMMON_OPTIONS, ...options }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(parseProblem(error as Error & { code?: string }));
  }
}

/** node:util's parse errors in the output's language (its own English sentence when it is another one). */
function parseProblem(error: Error & { code?: string }): string {
  const named = /'([^']+)'/.exec(error.message)?.[1];
  if (named !== undefined) {
    const option = named.replace(/ <value>$/, '');
    if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return t('args.unknownOption', { option });
    if (error.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return t('args.unexpected', { arg: named });
    if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && / argument missing$/.test(error.message)) return t('args.missingValue', { option });
    if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && / does not take an argument$/.test(error.message)) return t('args.noValue', { option });
  }
  return error.message.replace(/\. To specify a positional argument.*$/s, '.');
}

/** The store: first positional argument or --store (a file or a postgres:// URL), with --table / --map. */
export function storePath(
  values: { store?: string | boolean | (string | boolean)[]; table?: string | boolean | (string | boolean)[]; map?: string | boolean | (string | boolean)[] },
  positionals: string[],
): StoreTarget {
  const target = typeof values.store === 'string' ? values.store : positionals[0];
  if (!target) throw new UsageError(t('args.whichStore'));
  const table = typeof values.table === 'string' ? values.table : undefined;
  const map = Array.isArray(values.map) ? values.map.filter((m): m is string => typeof m === 'string') : undefined;
  if (map?.length && table === undefined) throw new UsageError(t('args.mapNeedsTable'));
  return { target, ...(table !== undefined ? { table } : {}), ...(map?.length ? { map } : {}) };
}

export function integer(value: string | undefined, name: string, min = 0): number | undefined {
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value.trim())) throw new UsageError(t('args.wholeNumber', { name, value }));
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < min) throw new UsageError(t('args.wholeNumberMin', { name, value, min }));
  return n;
}

export function required<T>(value: T | undefined, name: string): T {
  if (value === undefined || value === '') throw new UsageError(t('args.required', { name }));
  return value;
}

/**
 * --from-time / --to-time, checked with the shared parser (a date-only --to-time includes that
 * whole day; 2026-02-30 is refused), with the exact range in words ("… UTC (exclusive)").
 */
export function timeRangeArgs(values: { 'from-time'?: string; 'to-time'?: string }): { fromTime?: string; toTime?: string; description: string | null } {
  const result = parseTimeRange(values['from-time'], values['to-time']);
  if (!result.ok) {
    if (result.which === 'range') throw new UsageError(rangeFailureText(result, t));
    throw new UsageError(`--${result.which}-time: ${timeProblemText(result.problem, t)}`);
  }
  return { fromTime: values['from-time'], toTime: values['to-time'], description: rangeText(result.range, t) };
}

/** A single instant (--at-time): a usage error, not a rolled-over date, when it is not one. */
export function instantArg(value: string | undefined, name: string): string | undefined {
  if (value === undefined) return undefined;
  const bound = parseTimeBound(value);
  if (!bound.ok) throw new UsageError(`--${name}: ${timeProblemText(bound.problem, t)}`);
  return value;
}

/** --actor: how it will match, in words ("actor starts with 'support:'"), or null when blank. */
export function actorArg(value: string | undefined): { actor?: string; description: string | null } {
  const filter = value === undefined ? null : parseActorFilter(value);
  return filter ? { actor: filter.text, description: actorFilterText(filter, t) } : { description: null };
}
