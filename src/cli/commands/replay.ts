// ledger state | diff | blame | history: the replay engine from a terminal.
import type { StatePoint } from '../../main/replay/replayEngine.ts';
import type { DiffResult, PathHistoryEntry, PathSegment } from '../../shared/replay.ts';
import { createReplayEngine } from '../../main/replay/replayEngine.ts';
import { instantArg, integer, parse, required, storePath } from '../args.ts';
import { describeInterruption, describeRef, json, number, preview, safeText, shortTime } from '../format.ts';
import { UsageError, type CliIo } from '../io.ts';
import { PROJECTIONS_OPTION, withProjections } from './withProjections.ts';
import { withStore } from './withStore.ts';
import { withDiffCurrencies } from '../../main/units/diffCurrencies.ts';
import { parseStatePath, PathProblem } from '../../main/projections/declarative/path.ts';
import { cliLanguage, t } from '../i18n/index.ts';
import { amountAt, amountsIn, type FieldUnits } from '../../shared/units.ts';

export const stateHelp = (): string => t('help.state');
export const diffHelp = (): string => t('help.diff');
export const blameHelp = (): string => t('help.blame');
export const historyHelp = (): string => t('help.history');

const REPLAY_OPTIONS = {
  stream: { type: 'string' },
  'include-skipped': { type: 'boolean' },
  at: { type: 'string' },
  'at-time': { type: 'string' },
  projection: { type: 'string' },
  ...PROJECTIONS_OPTION,
} as const;

async function statePoint(values: { at?: string; 'at-time'?: string }, latest: () => Promise<number>): Promise<StatePoint> {
  if (values.at !== undefined && values['at-time'] !== undefined) throw new UsageError(t('replay.atOrTime'));
  if (values['at-time'] !== undefined) return { time: instantArg(values['at-time'], 'at-time') as string };
  return { version: integer(values.at, 'at', 0) ?? (await latest()) };
}

export async function stateCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(argv, REPLAY_OPTIONS);
  const streamId = required(values.stream, 'stream');
  return withProjections(values.projections, values.projection, io, (projections) => withStore(storePath(values, positionals), async (store) => {
    const engine = createReplayEngine(store, { projections });
    const at = await statePoint(values, async () => (await store.getStream(streamId))?.version ?? 0);
    const result = await engine.stateAt(streamId, at, { projection: values.projection, includeSkipped: values['include-skipped'] === true });
    if (values.json) {
      io.stdout(json(result));
      return 0;
    }
    const when = result.recordedAt ? ` (${shortTime(result.recordedAt)})` : t('replay.stateInitial');
    io.stdout(`${t('replay.stateHead', { stream: safeText(streamId), version: result.version, latest: result.streamVersion, when, projection: result.projection.name })}\n`);
    if (result.interrupted) io.stdout(`${describeInterruption(result.interrupted)}\n`);
    io.stdout(json(result.state));
    // Money the projection declared, as money, under the JSON as stored (shared/units.ts).
    const amounts = amountsIn(result.state, result.projection.units, cliLanguage());
    if (amounts.length > 0) {
      io.stdout(`\n${t('replay.amounts')}\n`);
      for (const a of amounts) io.stdout(`  ${safeText(a.path)}: ${a.amount ? t('replay.amount', { amount: a.amount.text, stored: a.stored }) : t('replay.amountAsStored', { stored: a.stored })}\n`);
    }
    if (result.warningCount > 0) {
      io.stdout(`\n${t('replay.warnings', { count: result.warningCount })}\n`);
      for (const w of result.warnings) io.stdout(`  v${w.version} ${safeText(w.type)}: ${w.message}\n`);
    }
    return 0;
  }));
}

export async function diffCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(argv, { stream: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, projection: { type: 'string' }, max: { type: 'string' }, 'include-skipped': { type: 'boolean' }, ...PROJECTIONS_OPTION });
  const streamId = required(values.stream, 'stream');
  const from = required(integer(values.from, 'from', 0), 'from');
  const to = required(integer(values.to, 'to', 0), 'to');
  return withProjections(values.projections, values.projection, io, (projections) => withStore(storePath(values, positionals), async (store) => {
    const engine = createReplayEngine(store, { projections });
    const includeSkipped = values['include-skipped'] === true;
    const diff = await engine.diff(streamId, from, to, { projection: values.projection, maxChanges: integer(values.max, 'max', 1), history: 'full', includeSkipped });
    // The currency each end held, for money whose currency is a field of the state (as the app's diff).
    const result = await withDiffCurrencies(diff, engine.stateAt, { includeSkipped });
    if (values.json) {
      io.stdout(json(result));
      return 0;
    }
    io.stdout(`${t('replay.diffHead', { stream: safeText(streamId), from: result.from.version, to: result.to.version, events: number(result.eventCount), projection: result.projection.name })}\n`);
    if (result.interrupted) io.stdout(`${describeInterruption(result.interrupted)}\n`);
    if (result.changes.length === 0) io.stdout(`${t('replay.noDifferences')}\n`);
    for (const change of result.changes) {
      const mark = change.kind === 'added' ? '+' : change.kind === 'removed' ? '-' : '~';
      const value =
        change.kind === 'changed' ? `${preview(change.before, 30)} → ${preview(change.after, 30)}` : preview(change.kind === 'added' ? change.after : change.before, 60);
      io.stdout(`${mark} ${safeText(change.path)}  ${value}\n`);
      const money = changeMoney(result, change.segments, change.kind === 'added' ? undefined : change.before, change.kind === 'removed' ? undefined : change.after, change.kind);
      if (money) io.stdout(`    ${t('replay.asMoney', { amounts: money })}\n`);
      io.stdout(`    ${describeRef(change.event)}\n`);
      // One event says it all; more mean earlier edits (a removal, an overwrite) the last one hides.
      if (change.historyCount > 1) printHistory(io, change.history, change.historyCount, { units: result.projection.units, segments: change.segments });
    }
    if (result.truncated) io.stdout(`${t('replay.moreChanges', { n: number(result.totalChanges - result.changes.length) })}\n`);
    if (result.reverted.length > 0) {
      io.stdout(`\n${t('replay.reverted', { n: number(result.reverted.length) })}\n`);
      for (const entry of result.reverted) {
        const amount = entry.present ? amountAt(entry.value, result.projection.units, entry.segments, result.currencies?.to, cliLanguage()) : null;
        io.stdout(`= ${safeText(entry.path)}  ${entry.present ? preview(entry.value, 60) : t('replay.absentBoth')}${amount ? `  (${safeText(amount.text)})` : ''}\n`);
        printHistory(io, entry.history, entry.historyCount, { units: result.projection.units, segments: entry.segments });
      }
    }
    return 0;
  }));
}

/**
 * A change's two sides as money, when the projection declared its path money and a side is one:
 * "£0.00 → £6,499.00", each in the currency the state held at that end (a side that is not an
 * amount is shown as stored). Null when neither side is an amount.
 */
function changeMoney(result: DiffResult, segments: PathSegment[], before: unknown, after: unknown, kind: 'added' | 'removed' | 'changed'): string | null {
  const units = result.projection.units;
  const from = kind === 'added' ? null : amountAt(before, units, segments, result.currencies?.from, cliLanguage());
  const to = kind === 'removed' ? null : amountAt(after, units, segments, result.currencies?.to, cliLanguage());
  if (!from && !to) return null;
  if (kind === 'added') return safeText(to!.text);
  if (kind === 'removed') return safeText(from!.text);
  return `${from ? safeText(from.text) : preview(before, 30)} → ${to ? safeText(to.text) : preview(after, 30)}`;
}

const shown = (entry: PathHistoryEntry, side: 'before' | 'after') => (side in entry ? preview(entry[side], 30) : t('replay.none'));

/** A history entry's side as money in the currency that event's state held, or null. */
const entryAmount = (entry: PathHistoryEntry, side: 'before' | 'after', money: { units: FieldUnits | undefined; segments: PathSegment[] }) =>
  side in entry ? amountAt(entry[side], money.units, money.segments, entry.currencies?.[side], cliLanguage()) : null;

/** "(£0.00 → £763.00)" after a history line whose values are money; empty otherwise. */
function historyMoney(entry: PathHistoryEntry, money: { units: FieldUnits | undefined; segments: PathSegment[] }): string {
  const before = entryAmount(entry, 'before', money);
  const after = entryAmount(entry, 'after', money);
  if (!before && !after) return '';
  return ` (${before ? safeText(before.text) : shown(entry, 'before')} → ${after ? safeText(after.text) : shown(entry, 'after')})`;
}

function printHistory(io: CliIo, history: readonly PathHistoryEntry[], count: number, money: { units: FieldUnits | undefined; segments: PathSegment[] }): void {
  io.stdout(`    ${t('replay.history', { n: number(count) })}\n`);
  for (const entry of history) io.stdout(`      ${entry.kind.padEnd(7)} ${shown(entry, 'before')} → ${shown(entry, 'after')}${historyMoney(entry, money)}  ${describeRef(entry.event)}\n`);
  if (count > history.length) io.stdout(`      ${t('replay.moreEvents', { n: number(count - history.length) })}\n`);
}

export async function blameCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(argv, REPLAY_OPTIONS);
  const streamId = required(values.stream, 'stream');
  return withProjections(values.projections, values.projection, io, (projections) => withStore(storePath(values, positionals), async (store) => {
    const at = await statePoint(values, async () => (await store.getStream(streamId))?.version ?? 0);
    const result = await createReplayEngine(store, { projections }).blame(streamId, at, { projection: values.projection, includeSkipped: values['include-skipped'] === true });
    if (values.json) {
      io.stdout(json(result));
      return 0;
    }
    io.stdout(`${t('replay.blameHead', { stream: safeText(streamId), version: result.version, projection: result.projection.name })}\n`);
    if (result.interrupted) io.stdout(`${describeInterruption(result.interrupted)}\n`);
    const width = Math.min(48, Math.max(...result.entries.map((e) => e.path.length), 4));
    for (const entry of result.entries) {
      io.stdout(`${safeText(entry.path).padEnd(width)}  ${preview(entry.value, 28).padEnd(28)}  ${describeRef(entry.event)}\n`);
    }
    return 0;
  }));
}

/** `--path` as the engine's segments: the path syntax of state, diff and blame (and of declarative rules). */
function pathSegments(text: string): PathSegment[] {
  try {
    const { segments } = parseStatePath(text);
    return segments.map((segment) => {
      if (segment.kind === 'key') return segment.key;
      if (segment.kind === 'index') return segment.index;
      if (segment.kind === 'match') return { key: segment.field, value: segment.value };
      throw new UsageError(t('replay.pathBad', { path: text, problem: t('replay.pathDynamic') }));
    });
  } catch (error) {
    if (error instanceof PathProblem) throw new UsageError(t('replay.pathBad', { path: text, problem: error.message }));
    throw error;
  }
}

/** Every event that changed one path of a stream's state: the app's field history, from a terminal. */
export async function historyCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(argv, { stream: { type: 'string' }, path: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, projection: { type: 'string' }, 'include-skipped': { type: 'boolean' }, ...PROJECTIONS_OPTION });
  const streamId = required(values.stream, 'stream');
  const segments = pathSegments(required(values.path, 'path'));
  const from = integer(values.from, 'from', 0);
  const upTo = integer(values.to, 'to', 0);
  return withProjections(values.projections, values.projection, io, (projections) => withStore(storePath(values, positionals), async (store) => {
    const result = await createReplayEngine(store, { projections }).fieldHistory(streamId, segments, {
      projection: values.projection,
      includeSkipped: values['include-skipped'] === true,
      ...(from !== undefined ? { from } : {}),
      ...(upTo !== undefined ? { upTo } : {}),
    });
    if (values.json) {
      io.stdout(json(result));
      return 0;
    }
    io.stdout(`${t('replay.historyHead', { stream: safeText(streamId), path: safeText(result.path), from: result.from, upTo: result.upTo, projection: result.projection.name })}\n`);
    if (result.interrupted) io.stdout(`${describeInterruption(result.interrupted)}\n`);
    if (result.present) {
      const amount = amountAt(result.value, result.projection.units, result.segments, result.currencies, cliLanguage());
      io.stdout(`${t('replay.historyValue', { version: result.upTo, value: preview(result.value, 60) })}${amount ? `  (${safeText(amount.text)})` : ''}\n`);
    } else io.stdout(`${t('replay.historyAbsent', { version: result.upTo })}\n`);
    if (result.historyCount === 0) io.stdout(`${t('replay.historyNone')}\n`);
    else printHistory(io, result.history, result.historyCount, { units: result.projection.units, segments: result.segments });
    return 0;
  }));
}
