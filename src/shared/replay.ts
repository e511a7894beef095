// Results of the replay engine (state at a version, diff, blame), shared with the renderer.
import type { Interruption, ProjectionOrigin } from './projections.ts';
import type { FieldUnits } from './units.ts';

/** A property name, an array index, or an array element matched by its key field (e.g. sku). */
export type PathSegment = string | number | { key: string; value: string | number };

/** The event that made a change: enough to show it and to link to it. */
export interface EventRef {
  position: number;
  version: number;
  type: string;
  recordedAt: string;
  actor: string | null;
}

export interface ProjectionInfo {
  name: string;
  version: number;
  description: string;
  /** Built-in, or a file of the projections folder (absent = built-in). */
  origin?: ProjectionOrigin;
  /** Fields of the state that are money or decimals (shared/units.ts): shown as amounts, stored values kept. */
  units?: FieldUnits;
}

export interface ReplayWarning {
  version: number;
  position: number;
  type: string;
  message: string;
}

export interface StateAtResult {
  streamId: string;
  projection: ProjectionInfo;
  /** The version the state is after (0 = the initial state, before any event). */
  version: number;
  /** Time of the event at `version`; null for version 0. */
  recordedAt: string | null;
  /** The stream's current version, so a UI can bound its slider. */
  streamVersion: number;
  state: unknown;
  /** Events the projection could not apply (unknown type, undecodable data), first 100. */
  warnings: ReplayWarning[];
  warningCount: number;
  /** The snapshot version the fold started from (0 = from the initial state). */
  startedFrom: number;
  eventsApplied: number;
  /** Set when the projection failed on an event: `state` is the last good state, after `version`. */
  interrupted?: Interruption;
}

export type ChangeKind = 'added' | 'removed' | 'changed';

export interface DiffChange {
  /** Readable path such as $.items[sku="A-1"].quantity */
  path: string;
  segments: PathSegment[];
  kind: ChangeKind;
  before?: unknown;
  after?: unknown;
  /** The event in (from, to] that made this change. */
  event: EventRef | null;
  /**
   * Every event in (from, to] that changed the value at this path (directly, through a parent, or
   * inside it), oldest first, with the value at this path before and after it: the last event alone
   * hides earlier edits, such as a line removed and later re-added.
   */
  history: PathHistoryEntry[];
  /** Events in `history` before it was cut at the per-path cap. */
  historyCount: number;
}

/** One event's effect on one path; `before`/`after` absent = the path did not exist. */
export interface PathHistoryEntry {
  event: EventRef;
  kind: ChangeKind;
  before?: unknown;
  after?: unknown;
  /**
   * Only for money whose currency is a field of the state (`units` with currencyField) at or inside
   * this path: that field's text, by currency field, in the state before and after this event, so
   * each value is shown in the currency it had then. A side is absent with its value, or when the
   * state held no such text.
   */
  currencies?: { before?: Record<string, string>; after?: Record<string, string> };
}

/** A path changed between two versions that holds an equal value at both ends (changed back). */
export interface RevertedChange {
  path: string;
  segments: PathSegment[];
  /** Whether the path exists at both ends (false: it was added and removed again in between). */
  present: boolean;
  value?: unknown;
  history: PathHistoryEntry[];
  historyCount: number;
}

/** Every event that ever changed one path of a stream's state, up to a version. */
export interface FieldHistoryResult {
  /** The projection failed on an event in the span: the history ends at its last good state. */
  interrupted?: Interruption;
  streamId: string;
  projection: ProjectionInfo;
  path: string;
  segments: PathSegment[];
  /** The history covers events in (from, upTo]. */
  from: number;
  upTo: number;
  /** The value at `upTo`; absent when the path does not exist there. */
  value?: unknown;
  /** As a history entry's `currencies.after`, for `value` (the state at `upTo`). */
  currencies?: Record<string, string>;
  present: boolean;
  history: PathHistoryEntry[];
  historyCount: number;
}

export interface DiffResult {
  streamId: string;
  projection: ProjectionInfo;
  /** The projection failed on an event at or before `to`: the diff is up to its last good state. */
  interrupted?: Interruption;
  from: { version: number; recordedAt: string | null };
  to: { version: number; recordedAt: string | null };
  changes: DiffChange[];
  /** Number of events between the two versions: to - from. */
  eventCount: number;
  totalChanges: number;
  /** True when more than the requested maximum of changes were found; `changes` holds the first ones. */
  truncated: boolean;
  /** Paths that changed in between but are equal at both ends (not in `changes`). */
  reverted: RevertedChange[];
  /**
   * Whether the range was walked event by event: then every change has its `history` and `reverted`
   * is complete. Long ranges skip the walk to stay fast (history then comes per path from
   * stream/fieldHistory with `from`), and `history` is empty, `historyCount` 0, `reverted` empty.
   */
  historyWalked: boolean;
  /**
   * For money whose currency is a field of the state (`units` with currencyField): that field's text
   * in the state at `from` and at `to`, so the diff can show amounts in their currency.
   */
  currencies?: { from: Record<string, string>; to: Record<string, string> };
}

export interface BlameEntry {
  path: string;
  segments: PathSegment[];
  value: unknown;
  /** The event that last set this leaf; null when it still holds the projection's initial value. */
  event: EventRef | null;
}

export interface BlameResult {
  streamId: string;
  projection: ProjectionInfo;
  /** The projection failed on an event at or before the asked version: blame of its last good state. */
  interrupted?: Interruption;
  version: number;
  entries: BlameEntry[];
  truncated: boolean;
}

/** What building a stream's snapshots ahead of time did (job kind 'snapshots'). */
export interface SnapshotBuild {
  /** The projection failed on an event: snapshots were built up to its last good state. */
  interrupted?: Interruption;
  streamId: string;
  projection: ProjectionInfo;
  /** The stream version replayed to. */
  version: number;
  /** The snapshot the replay started from (0: from the first event). */
  startedFrom: number;
  eventsApplied: number;
  /** A snapshot every this many events (0: snapshots are off). */
  snapshotEvery: number;
  warningCount: number;
  ms: number;
}
