// Builds an export manifest (the JSON, not yet written): the store's facts when the export ran, the
// query as given and as executed, the files with their sha256, the projections and the integrity
// verdict. Kept apart from manifest.ts so sealBundle.ts (which writes and signs) can use it.
import path from 'node:path';
import { MANIFEST_FORMAT, MANIFEST_SUFFIX, type ExportManifest, type ExportQuery, type ManifestIntegrity, type ManifestProjection, type ManifestQuery } from '../../shared/verify.ts';
import { BUILT_IN_PROJECTIONS, genericProjection } from '../replay/projections/index.ts';
import type { EventScope, EventStoreReader } from '../store/eventStore.ts';
import { timeRangeOf } from '../store/logFilter.ts';
import { sqliteHandleOf } from '../store/sqliteHandle.ts';
import { toIsoTime } from '../store/time.ts';
import { describeTimeRange } from '../../shared/timeRange.ts';
import { TOOL_NAME, TOOL_VERSION } from '../toolVersion.ts';
import type { WrittenFile } from './fileWriter.ts';

export const manifestPathFor = (file: string) => `${path.resolve(file)}${MANIFEST_SUFFIX}`;

export const PROJECTIONS = [...BUILT_IN_PROJECTIONS, genericProjection].map((p) => ({ name: p.name, version: p.version }));

export async function storeFacts(store: EventStoreReader): Promise<ExportManifest['store']> {
  const stats = await store.stats();
  const db = sqliteHandleOf(store);
  let storeId: string | null = null;
  try {
    storeId = db ? ((db.prepare('SELECT store_id FROM ledger_head WHERE id = 1').pluck().get() as string | undefined) ?? null) : null;
  } catch {
    storeId = null;
  }
  return { path: store.info.path, storeId, chainHead: stats.chainHead, lastPosition: stats.lastPosition, eventCount: stats.events };
}

/** The scope with its open upper bound pinned to what the store holds now, so a re-run covers the same events. */
export async function pinScope(store: EventStoreReader, scope: EventScope): Promise<EventScope> {
  if (scope.kind === 'stream') {
    const stream = await store.getStream(scope.streamId);
    if (!stream) return scope;
    return { ...scope, toVersion: Math.min(scope.toVersion ?? stream.version, stream.version) };
  }
  const last = (await store.stats()).lastPosition ?? 0;
  const pinned: EventScope = { ...scope, toPosition: Math.min(scope.toPosition ?? last, last) };
  // Time bounds as exact instants: a date-only end (exclusive next midnight) becomes the last
  // included millisecond, which is the same set of events (times are whole milliseconds).
  const { fromMs, toMs, toExclusive } = timeRangeOf(scope);
  if (fromMs !== null) pinned.fromTime = toIsoTime(fromMs);
  if (toMs !== null) pinned.toTime = toIsoTime(toExclusive ? toMs - 1 : toMs);
  return pinned;
}

/** The exact time range of an event export, for the manifest; null without a time filter. */
export function manifestTimeRange(scope: EventScope): ExportManifest['timeRange'] {
  if (scope.kind !== 'all') return null;
  const range = timeRangeOf(scope);
  const description = describeTimeRange(range);
  if (description === null) return null;
  return {
    from: range.fromMs === null ? null : toIsoTime(range.fromMs),
    to: range.toMs === null ? null : toIsoTime(range.toMs),
    toExclusive: range.toExclusive,
    description,
  };
}

export interface ManifestInput {
  kind: ExportManifest['kind'];
  query: ManifestQuery;
  resolvedQuery?: ExportQuery | null;
  timeRange?: ExportManifest['timeRange'];
  events: ExportManifest['events'];
  files: WrittenFile[];
  /** Defaults to every projection the tool ships; a state or diff export names the one it used. */
  projections?: ManifestProjection[];
  /** The store's verification verdict when the export ran; 'not-checked' when none is given. */
  integrity?: ManifestIntegrity;
}

export async function buildManifest(store: EventStoreReader, input: ManifestInput, storeFactsAtStart?: ExportManifest['store']): Promise<ExportManifest> {
  const facts = storeFactsAtStart ?? (await storeFacts(store));
  const dir = path.dirname(path.resolve(input.files[0]?.path ?? '.'));
  return {
    format: MANIFEST_FORMAT,
    manifestVersion: 1,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    createdAt: new Date().toISOString(),
    kind: input.kind,
    query: input.query,
    resolvedQuery: input.resolvedQuery ?? null,
    ...(input.timeRange ? { timeRange: input.timeRange } : {}),
    store: facts,
    events: input.events,
    projections: input.projections ?? PROJECTIONS,
    files: input.files.map((f) => ({ path: path.relative(dir, path.resolve(f.path)) || path.basename(f.path), bytes: f.bytes, sha256: f.sha256 })),
    // Never silent: a manifest without a finished verification says so.
    integrity: input.integrity ?? { status: 'not-checked', reason: 'the store was not verified for this export' },
  };
}

