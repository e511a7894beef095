// What-if replay and drift check results (Redux DevTools' skip / swapped reducer; a stored read
// model against the replayed state), shared by the engine, the CLI and the renderer.
import type { Interruption } from './projections.ts';
import type { ChangeKind, EventRef, PathSegment, ProjectionInfo } from './replay.ts';

/** One side of a comparison: a projection (default: the stream's own) and events to leave out. */
export interface WhatIfSide {
  projection?: string;
  /** Versions of the stream to skip. */
  skip?: number[];
}

export interface WhatIfQuery {
  streamId: string;
  a: WhatIfSide;
  b: WhatIfSide;
  /** Compare the states after this version (default: the stream's last). */
  atVersion?: number;
  /** Include events the store marks skipped (Marten's is_skipped); left out by default. */
  includeSkipped?: boolean;
  maxChanges?: number;
}

export interface WhatIfSideResult {
  projection: ProjectionInfo;
  skipped: number[];
  state: unknown;
  /** The fold stopped early on this side: its state is the last good one. */
  interrupted?: Interruption;
}

export interface WhatIfChange {
  path: string;
  segments: PathSegment[];
  /** From a to b: 'added' = only in b. */
  kind: ChangeKind;
  a?: unknown;
  b?: unknown;
}

export interface WhatIfResult {
  streamId: string;
  version: number;
  a: WhatIfSideResult;
  b: WhatIfSideResult;
  changes: WhatIfChange[];
  totalChanges: number;
  truncated: boolean;
  /**
   * The first event after which the two states differ, with (the first few of) the paths that differ
   * then. Null when no event made them diverge: equal all along up to `version`, or different from
   * the start (`initialDifference`).
   */
  firstDivergence: (EventRef & { paths: string[] }) | null;
  /** Two projections whose initial states already differ, before any event (the first few paths). */
  initialDifference?: { paths: string[] };
}

export interface DriftQuery {
  streamId: string;
  projection?: string;
  /** The read model's table in the opened store, its key column and the row's key (default: the stream id). */
  table: string;
  keyColumn: string;
  key?: string;
  /** One JSON column compared with the whole state, or several compared with the state's fields of those names. */
  columns: string[];
  /** Compare with the replayed state after this version (default: the stream's last). */
  atVersion?: number;
  includeSkipped?: boolean;
  maxFields?: number;
}

export type DriftKind = 'different' | 'missing-in-read-model' | 'only-in-read-model';

export interface DriftField {
  path: string;
  segments: PathSegment[];
  kind: DriftKind;
  replayed?: unknown;
  stored?: unknown;
  /** The event that last set this path in the replayed state (what should have set the read model). */
  event: EventRef | null;
  /** When the two values differ in kind, in words: "the same number, but the read model holds it as text". */
  note?: string;
}

export interface DriftResult {
  streamId: string;
  projection: ProjectionInfo;
  version: number;
  table: string;
  keyColumn: string;
  key: string;
  /** The columns compared, as asked. */
  columns: string[];
  /** False when the table has no row with that key (every field is then missing). */
  rowFound: boolean;
  fields: DriftField[];
  totalFields: number;
  truncated: boolean;
  interrupted?: Interruption;
}
