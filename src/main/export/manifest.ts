// Export manifests ("signed exports"): every export gets `<file>.manifest.json` beside it with the
// sha256 and size of each file, the query that produced it (and the query as executed, with upper
// bounds pinned), the event count and position range, the chain head when it ran, the tool version
// and the projections. The chain head ties the bundle to the store's hash chain: verify-export can
// later prove the files are unchanged and that the store still holds the same history.
import path from 'node:path';
import { MANIFEST_FORMAT, MANIFEST_SUFFIX, type ExportManifest, type ExportQuery, type ManifestIntegrity, type ManifestProjection, type ManifestQuery } from '../../shared/verify.ts';
import { BUILT_IN_PROJECTIONS, genericProjection } from '../replay/projections/index.ts';
import type { EventScope, EventStoreReader } from '../store/eventStore.ts';
import { timeRangeOf } from '../store/logFilter.ts';
import { sqliteHandleOf } from '../store/sqliteHandle.ts';
import { toIsoTime } from '../store/time.ts';
import { describeTimeRange } from '../../shared/timeRange.ts';
import { TOOL_NAME, TOOL_VERSION } from '../toolVersion.ts';
import { exportEvents, type ExportEventsOptions, type ExportEventsResult } from './exportEvents.ts';
import { writeFileAtomically, type WrittenFile } from './fileWriter.ts';
import type { MaskingSummary } from '../../shared/evidence.ts';
import type { Masker } from '../masking/masker.ts';
import { maskQueryValues } from '../masking/resultMasking.ts';

const maskQuery = <T extends object>(masker: Masker | undefined, query: T): T => (masker ? maskQueryValues(masker, query) : query);

export const manifestPathFor = (file: string) => `${path.resolve(file)}${MANIFEST_SUFFIX}`;

export const PROJECTIONS = [...BUILT_IN_PROJECTIONS, genericProjection].map((p) => ({ name: p.name, version: p.version }));

async function storeFacts(store: EventStoreReader): Promise<ExportManifest['store']> {
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
  /** What masking did (masking/), for a masked bundle. */
  masking?: MaskingSummary;
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
    ...(input.masking ? { masking: input.masking } : {}),
  };
}

/** Writes `<first file>.manifest.json` atomically beside the exported files (all in one folder). */
export function writeManifest(manifest: ExportManifest, firstFile: string): WrittenFile & { manifest: ExportManifest } {
  const written = writeFileAtomically(manifestPathFor(firstFile), JSON.stringify(manifest, null, 2) + '\n');
  return { ...written, manifest };
}

/** For state and diff exports (reports.ts): record what was written and from which store state. */
export async function signExport(store: EventStoreReader, input: ManifestInput): Promise<WrittenFile & { manifest: ExportManifest }> {
  return writeManifest(await buildManifest(store, input), input.files[0].path);
}

export interface SignedExportResult extends ExportEventsResult {
  manifestPath: string;
  manifest: ExportManifest;
}

/** exportEvents plus its manifest. The export runs on the pinned scope; the manifest records both. */
export async function exportEventsSigned(store: EventStoreReader, options: ExportEventsOptions, integrity?: ManifestIntegrity): Promise<SignedExportResult> {
  const facts = await storeFacts(store);
  const resolved = await pinScope(store, options.scope);
  const result = await exportEvents(store, { ...options, scope: resolved });
  const manifest = await buildManifest(
    store,
    {
      kind: 'events',
      query: maskQuery(options.masker, { ...(options.scope as ExportQuery), format: options.format }),
      resolvedQuery: maskQuery(options.masker, resolved as ExportQuery),
      timeRange: manifestTimeRange(options.scope),
      events: { count: result.events, firstPosition: result.firstPosition, lastPosition: result.lastPosition },
      files: [{ path: result.path, bytes: result.bytes, sha256: result.sha256 }],
      integrity,
      masking: options.masker?.summary(),
    },
    facts,
  );
  const written = writeManifest(manifest, result.path);
  return { ...result, manifestPath: written.path, manifest };
}
