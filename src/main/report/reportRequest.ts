// What a printable report covers (one stream, a version range, the versions whose states it
// shows) and the checks of that request against the stream, made before any byte is written.
import { LedgerError } from '../errors.ts';
import type { ReportLanguage } from '../../shared/contract.ts';
import type { StreamSummary } from '../../shared/types.ts';
import { words } from '../../shared/errorWords/index.ts';

/** Events listed in a report unless raised: a printed report of more is rarely read, and says what it left out. */
export const DEFAULT_MAX_EVENTS = 10_000;
/** Changes listed per diff; the report says when a diff had more. */
export const DEFAULT_MAX_CHANGES = 5_000;
/** Versions whose states one report shows. */
export const MAX_VERSIONS = 50;

export interface ReportRequest {
  streamId: string;
  /** First version of the range (default 1). */
  fromVersion?: number;
  /** Last version of the range (default: the stream's version when the report starts). */
  toVersion?: number;
  /** Versions whose states are shown (default: the range's end); diffs run between consecutive ones. */
  versions?: number[];
  projection?: string;
  includeSkipped?: boolean;
  /** Events listed at most (default DEFAULT_MAX_EVENTS); null lists every event in the range. */
  maxEvents?: number | null;
  maxChanges?: number;
  /** The language of the report's words (default 'en'); the store's data is shown as stored in either. */
  language?: ReportLanguage;
}

export interface ResolvedRange {
  fromVersion: number;
  toVersion: number;
  versions: number[];
  /** Pairs of versions diffed: consecutive chosen versions, or (from-1 → the one version) when one is chosen. */
  diffs: [number, number][];
  maxEvents: number | null;
  maxChanges: number;
}

/** `3,17,40` → [3, 17, 40]; a usage-style message for anything else. */
export function parseVersionList(text: string): number[] {
  const parts = text.split(',').map((p) => p.trim());
  if (parts.length === 0 || parts.some((p) => !/^\d{1,15}$/.test(p))) {
    throw new LedgerError('INVALID_INPUT', words('errorWords.report.badVersionList', { text }));
  }
  return parts.map(Number);
}

export function resolveRange(stream: StreamSummary, request: ReportRequest): ResolvedRange {
  const last = stream.version;
  const fromVersion = request.fromVersion ?? 1;
  const toVersion = request.toVersion ?? last;
  if (!Number.isSafeInteger(fromVersion) || fromVersion < 1 || fromVersion > last) {
    throw new LedgerError('INVALID_INPUT', words('errorWords.report.startOutside', { streamId: stream.streamId, last, from: String(fromVersion) }), { streamVersion: last });
  }
  if (!Number.isSafeInteger(toVersion) || toVersion < fromVersion || toVersion > last) {
    throw new LedgerError('INVALID_INPUT', words('errorWords.report.rangeOutside', { streamId: stream.streamId, last, from: String(fromVersion), to: String(toVersion) }), { streamVersion: last });
  }
  const chosen = request.versions && request.versions.length > 0 ? request.versions : [toVersion];
  const outside = chosen.filter((v) => !Number.isSafeInteger(v) || v < 0 || v > last);
  if (outside.length > 0) {
    throw new LedgerError('INVALID_INPUT', words('errorWords.report.noStateAt', { streamId: stream.streamId, last, versions: outside.join(', ') }), { streamVersion: last, versions: outside });
  }
  const versions = [...new Set(chosen)].sort((a, b) => a - b);
  if (versions.length > MAX_VERSIONS) throw new LedgerError('INVALID_INPUT', words('errorWords.report.tooManyVersions', { max: MAX_VERSIONS, count: versions.length }));
  const diffs: [number, number][] = [];
  for (let i = 1; i < versions.length; i++) diffs.push([versions[i - 1], versions[i]]);
  // One state alone: what the range changed up to it, from the state before the range.
  if (versions.length === 1 && fromVersion - 1 < versions[0]) diffs.push([fromVersion - 1, versions[0]]);
  const maxEvents = request.maxEvents === undefined ? DEFAULT_MAX_EVENTS : request.maxEvents;
  if (maxEvents !== null && (!Number.isSafeInteger(maxEvents) || maxEvents < 0)) throw new LedgerError('INVALID_INPUT', words('errorWords.report.badMaxEvents', { value: String(maxEvents) }));
  return { fromVersion, toVersion, versions, diffs, maxEvents, maxChanges: request.maxChanges ?? DEFAULT_MAX_CHANGES };
}
