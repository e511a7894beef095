// Drift check: a read model row kept beside the events (a table of the same store) against the
// state the replay gives at a version. Every field that differs names the event that last set it in
// the replay (blame), which is the event whose handler should have written that field.
import type { BlameEntry } from '../../shared/replay.ts';
import type { DriftQuery, DriftResult } from '../../shared/whatIf.ts';
import { LedgerError } from '../errors.ts';
import type { EventStoreReader } from '../store/eventStore.ts';
import { comparedLeaves, comparedValues, driftFields, missingRow } from './driftFields.ts';
import type { ReplayEngine } from './replayEngine.ts';
import { noSuchStream } from '../notFound.ts';
import { words } from '../../shared/errorWords/index.ts';

const DEFAULT_MAX_FIELDS = 10_000;

export interface DriftOptions {
  signal?: AbortSignal;
}

export async function driftCheck(store: EventStoreReader, engine: ReplayEngine, query: DriftQuery, opts: DriftOptions = {}): Promise<DriftResult> {
  const { streamId, table, keyColumn, columns } = query;
  if (!table.trim()) throw new LedgerError('INVALID_INPUT', words('errorWords.drift.whichTable', {}));
  if (!keyColumn.trim()) throw new LedgerError('INVALID_INPUT', words('errorWords.drift.whichKey', { table }));
  if (columns.length === 0 || columns.some((column) => !column.trim())) throw new LedgerError('INVALID_INPUT', words('errorWords.drift.whichColumns', { table }));
  if (new Set(columns).size !== columns.length) throw new LedgerError('INVALID_INPUT', words('errorWords.drift.columnTwice', { columns: columns.join(', ') }));
  const maxFields = query.maxFields ?? DEFAULT_MAX_FIELDS;
  if (!Number.isSafeInteger(maxFields) || maxFields < 1) throw new LedgerError('INVALID_INPUT', `maxFields must be a whole number of at least 1, got ${String(maxFields)}.`);
  if (!store.readTableRow) {
    throw new LedgerError('UNSUPPORTED', words('errorWords.drift.noTables', { adapter: store.info.adapterWords ?? store.info.adapter }));
  }
  const stream = await store.getStream(streamId);
  if (!stream) throw noSuchStream(streamId);
  const at = { version: query.atVersion ?? stream.version };
  const key = query.key ?? streamId;

  // Read the row first: a wrong table or column name is found before any fold.
  const row = await store.readTableRow(table, keyColumn, key, columns, { signal: opts.signal });
  const choice = { projection: query.projection, includeSkipped: query.includeSkipped === true };
  const blame = await engine.blame(streamId, at, { ...choice, maxChanges: Number.MAX_SAFE_INTEGER });
  const leaves: BlameEntry[] = comparedLeaves(blame.entries, columns);

  let compared;
  if (row === null) {
    compared = missingRow(leaves, maxFields);
  } else {
    // The state itself (blame gives its leaves): served from the snapshots the blame fold just left.
    const state = (await engine.stateAt(streamId, { version: blame.version }, { ...choice, signal: opts.signal })).state;
    const { replayed, stored } = comparedValues(state, row, columns);
    compared = driftFields(replayed, stored, leaves, maxFields);
  }
  const result: DriftResult = {
    streamId,
    projection: blame.projection,
    version: blame.version,
    table,
    keyColumn,
    key,
    columns: columns.slice(),
    rowFound: row !== null,
    fields: compared.fields,
    totalFields: compared.totalFields,
    truncated: compared.totalFields > compared.fields.length,
  };
  if (blame.interrupted) result.interrupted = blame.interrupted;
  return result;
}
