// ledger state | diff | blame: the replay engine from a terminal.
import type { StatePoint } from '../../main/replay/replayEngine.ts';
import type { PathHistoryEntry } from '../../shared/replay.ts';
import { createReplayEngine } from '../../main/replay/replayEngine.ts';
import { instantArg, integer, parse, required, storePath } from '../args.ts';
import { describeInterruption, describeRef, json, number, preview, safeText, shortTime } from '../format.ts';
import { UsageError, type CliIo } from '../io.ts';
import { PROJECTIONS_OPTION, withProjections } from './withProjections.ts';
import { withStore } from './withStore.ts';
import { cliLanguage, t } from '../i18n/index.ts';
import { amountsIn } from '../../shared/units.ts';

export const stateHelp = (): string => t('help.state');
export const diffHelp = (): string => t('help.diff');
export const blameHelp = (): string => t('help.blame');

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
    const result = await createReplayEngine(store, { projections }).diff(streamId, from, to, {
      projection: values.projection,
      maxChanges: integer(values.max, 'max', 1),
      history: 'full',
      includeSkipped: values['include-skipped'] === true,
    });
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
      io.stdout(`${mark} ${safeText(change.path)}  ${value}\n    ${describeRef(change.event)}\n`);
      // One event says it all; more mean earlier edits (a removal, an overwrite) the last one hides.
      if (change.historyCount > 1) printHistory(io, change.history, change.historyCount);
    }
    if (result.truncated) io.stdout(`${t('replay.moreChanges', { n: number(result.totalChanges - result.changes.length) })}\n`);
    if (result.reverted.length > 0) {
      io.stdout(`\n${t('replay.reverted', { n: number(result.reverted.length) })}\n`);
      for (const entry of result.reverted) {
        io.stdout(`= ${safeText(entry.path)}  ${entry.present ? preview(entry.value, 60) : t('replay.absentBoth')}\n`);
        printHistory(io, entry.history, entry.historyCount);
      }
    }
    return 0;
  }));
}

const shown = (entry: PathHistoryEntry, side: 'before' | 'after') => (side in entry ? preview(entry[side], 30) : t('replay.none'));

function printHistory(io: CliIo, history: readonly PathHistoryEntry[], count: number): void {
  io.stdout(`    ${t('replay.history', { n: number(count) })}\n`);
  for (const entry of history) io.stdout(`      ${entry.kind.padEnd(7)} ${shown(entry, 'before')} → ${shown(entry, 'after')}  ${describeRef(entry.event)}\n`);
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
