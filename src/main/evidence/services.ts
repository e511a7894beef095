// The seams between the evidence services (issue 14), so signing, the activity log, notes, masking
// and the report are built apart and composed in composition.ts.
import type { ActivityEntry, ActivityInput, CaseNote, MaskingSummary } from '../../shared/evidence.ts';
import type { StoredEvent } from '../../shared/types.ts';

/** The viewer's activity log (activity/). Recording never throws at the caller: a log that cannot be written is reported, not fatal. */
export interface ActivityRecorder {
  record(entry: ActivityInput): ActivityEntry | null;
  /** Entries concerning one store (by storeKey), oldest first — the excerpt a bundle carries. */
  excerpt(storeKey: string): ActivityEntry[];
}

/** Case notes (notes/), kept by the viewer keyed by store, never in the store. */
export interface NotesReader {
  list(storeKey: string): CaseNote[];
}

/** Masking (masking/): one masker per bundle, holding that bundle's secret. */
export interface EventMasker {
  /** A copy of the event with every matching value replaced by `masked:<token>`; the input is not changed. */
  maskEvent(event: StoredEvent): StoredEvent;
  /** A copy of any JSON value (a state, a diff side) masked by pattern rules and by paths relative to `root` ('data' for states). */
  maskValue(value: unknown, root: 'data' | 'metadata'): unknown;
  summary(): MaskingSummary;
}
