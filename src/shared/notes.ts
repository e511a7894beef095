// What the Notes panel and `ledger notes` are told about one store's case notes.
import type { CaseNote } from './evidence.ts';

export interface NotesListing {
  storeKey: string;
  /** The file the notes live in (the viewer's own, never beside the store). */
  file: string;
  notes: CaseNote[];
  /** Why the notes file cannot be read (damaged), in people's words; it is kept, not replaced. */
  problem: string | null;
}
