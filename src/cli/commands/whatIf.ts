// ledger what-if | drift: the replay as a debugger. what-if folds a stream twice (events left out, a
// projection swapped) and says where the two sides split; drift compares a read model row kept in
// the store with the replayed state and names the event behind each differing field (exit 1 on
// drift, like verify on findings, so scripts and CI can gate on it).
import type { DriftField, DriftResult, WhatIfResult, WhatIfSideResult } from '../../shared/whatIf.ts';
import { driftCheck } from '../../main/replay/drift.ts';
import { createReplayEngine } from '../../main/replay/replayEngine.ts';
import { PROJECTIONS_OPTION, withProjections } from './withProjections.ts';
import { whatIf } from '../../main/replay/whatIf.ts';
import { integer, parse, storePath } from '../args.ts';
import { describeInterruption, describeRef, json, number, preview, safeText } from '../format.ts';
import { UsageError, type CliIo } from '../io.ts';
import { withStore } from './withStore.ts';
import { t } from '../i18n/index.ts';

export const whatIfHelp = (): string => t('help.what-if');

export const driftHelp = (): string => t('help.drift');

const STREAM_OPTION = { stream: { type: 'string' } } as const;

/** STORE STREAM as positionals (or --store / --stream), like the file-first commands. */
function streamArg(values: { store?: string; stream?: string }, positionals: string[]): string {
  const stream = values.stream ?? positionals[values.store === undefined ? 1 : 0];
  if (!stream) throw new UsageError(t('whatIf.whichStream'));
  return stream;
}

/** --skip 3,5 --skip 9 → [3, 5, 9] */
function versionList(values: string[] | undefined, name: string): number[] {
  const versions: number[] = [];
  for (const value of values ?? []) {
    for (const part of value.split(',')) versions.push(integer(part.trim(), name, 1) as number);
  }
  return versions;
}

export async function whatIfCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(argv, {
    ...STREAM_OPTION,
    'a-projection': { type: 'string' },
    'b-projection': { type: 'string' },
    skip: { type: 'string', multiple: true },
    'b-skip': { type: 'string', multiple: true },
    at: { type: 'string' },
    'include-skipped': { type: 'boolean' },
    max: { type: 'string' },
    ...PROJECTIONS_OPTION,
  });
  const streamId = streamArg(values, positionals);
  const skipA = versionList(values.skip, 'skip');
  const skipB = versionList(values['b-skip'], 'b-skip');
  if (skipA.length === 0 && skipB.length === 0 && values['a-projection'] === values['b-projection']) {
    throw new UsageError(t('whatIf.sameFold'));
  }
  const atVersion = integer(values.at, 'at', 0);
  const maxChanges = integer(values.max, 'max', 1);
  const chosen = values['b-projection'] ?? values['a-projection'];
  return withProjections(values.projections, chosen, io, (projections) => withStore(storePath(values, positionals), async (store) => {
    const result = await whatIf(store, createReplayEngine(store, { projections }), {
      streamId,
      a: { projection: values['a-projection'], skip: skipA },
      b: { projection: values['b-projection'], skip: skipB },
      ...(atVersion !== undefined ? { atVersion } : {}),
      ...(maxChanges !== undefined ? { maxChanges } : {}),
      includeSkipped: values['include-skipped'] === true,
    });
    io.stdout(values.json ? json(result) : describeWhatIf(result));
    return 0;
  }));
}

function describeSide(name: string, side: WhatIfSideResult): string[] {
  const skipping = side.skipped.length > 0 ? t('whatIf.skipping', { versions: side.skipped.map((v) => `v${v}`).join(', ') }) : '';
  const lines = [`  ${name}: ${side.projection.name}${skipping}`];
  if (side.interrupted) lines.push(`     ${describeInterruption(side.interrupted)}`);
  return lines;
}

export function describeWhatIf(result: WhatIfResult): string {
  const lines = [t('whatIf.head', { stream: safeText(result.streamId), version: result.version }), ...describeSide('a', result.a), ...describeSide('b', result.b)];
  if (result.initialDifference) {
    lines.push(t('whatIf.initialDiffer', { paths: result.initialDifference.paths.map(safeText).join(', ') }));
  } else if (result.firstDivergence) {
    const { paths, ...event } = result.firstDivergence;
    lines.push(t('whatIf.firstDivergence', { event: describeRef(event) }), `  ${paths.map(safeText).join(', ')}`);
  } else {
    lines.push(t('whatIf.equal', { version: result.version }));
  }
  if (result.totalChanges > 0) {
    lines.push(t('whatIf.differences', { version: result.version, n: number(result.totalChanges) }));
    for (const change of result.changes) {
      const mark = change.kind === 'added' ? '+' : change.kind === 'removed' ? '-' : '~';
      const value = change.kind === 'changed' ? `${preview(change.a, 30)} → ${preview(change.b, 30)}` : preview(change.kind === 'added' ? change.b : change.a, 60);
      lines.push(`${mark} ${safeText(change.path)}  ${value}`);
    }
    if (result.truncated) lines.push(t('whatIf.more', { n: number(result.totalChanges - result.changes.length) }));
  }
  return lines.join('\n') + '\n';
}

export async function driftCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(argv, {
    ...STREAM_OPTION,
    'read-model': { type: 'string' },
    'key-column': { type: 'string' },
    key: { type: 'string' },
    column: { type: 'string', multiple: true },
    projection: { type: 'string' },
    at: { type: 'string' },
    max: { type: 'string' },
    ...PROJECTIONS_OPTION,
  });
  const streamId = streamArg(values, positionals);
  const table = values['read-model'];
  if (!table) throw new UsageError(t('drift.whichTable'));
  const keyColumn = values['key-column'];
  if (!keyColumn) throw new UsageError(t('drift.whichKey', { table }));
  const columns = values.column ?? [];
  if (columns.length === 0) throw new UsageError(t('drift.whichColumns'));
  const atVersion = integer(values.at, 'at', 0);
  const maxFields = integer(values.max, 'max', 1);
  return withProjections(values.projections, values.projection, io, (projections) => withStore(storePath(values, positionals), async (store) => {
    const result = await driftCheck(store, createReplayEngine(store, { projections }), {
      streamId,
      table,
      keyColumn,
      columns,
      ...(values.key !== undefined ? { key: values.key } : {}),
      ...(values.projection !== undefined ? { projection: values.projection } : {}),
      ...(atVersion !== undefined ? { atVersion } : {}),
      ...(maxFields !== undefined ? { maxFields } : {}),
    });
    io.stdout(values.json ? json(result) : describeDrift(result));
    return result.rowFound && result.totalFields === 0 ? 0 : 1;
  }));
}

const KIND_WIDTH = 'missing-in-read-model'.length;

function driftValues(field: DriftField): string {
  if (field.kind === 'different') return t('drift.replayedStored', { replayed: preview(field.replayed, 30), stored: preview(field.stored, 30) });
  if (field.kind === 'missing-in-read-model') return t('drift.replayed', { replayed: preview(field.replayed, 60) });
  return t('drift.stored', { stored: preview(field.stored, 60) });
}

function setBy(field: DriftField): string {
  if (field.kind === 'only-in-read-model') return t('drift.noEvent');
  return field.event ? t('drift.setBy', { event: describeRef(field.event) }) : t('drift.initial');
}

export function describeDrift(result: DriftResult): string {
  const { columns } = result;
  const what = columns.length === 1 ? t('drift.column', { column: safeText(columns[0]) }) : t('drift.columns', { columns: columns.map(safeText).join(', ') });
  const row = { table: safeText(result.table), keyColumn: safeText(result.keyColumn), key: safeText(result.key) };
  const lines = [t('drift.head', { stream: safeText(result.streamId), version: result.version, projection: result.projection.name, ...row, what })];
  if (result.interrupted) lines.push(describeInterruption(result.interrupted));
  if (!result.rowFound) lines.push(t('drift.noRow', { ...row, n: number(result.totalFields) }));
  else if (result.totalFields === 0) lines.push(t('drift.none'));
  else lines.push(t('drift.drift', { n: number(result.totalFields) }));
  for (const field of result.fields) {
    lines.push(`${field.kind.padEnd(KIND_WIDTH)}  ${safeText(field.path)}  ${driftValues(field)}`);
    if (field.note) lines.push(`    ${field.note}`);
    lines.push(`    ${setBy(field)}`);
  }
  if (result.truncated) lines.push(t('drift.more', { n: number(result.totalFields - result.fields.length) }));
  return lines.join('\n') + '\n';
}
