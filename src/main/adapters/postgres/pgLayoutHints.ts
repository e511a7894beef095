// Optional extras a layout can give the generic reader so its queries use the layout's indexes:
// how to match one stream (a composite tenant/id key, a uuid column compared as uuid), and what the
// streams table already knows (version, last activity). Kept beside PgLayout, not in it, so the
// seam stays as it is: a layout without hints still works, with plainer (slower) SQL.
import type { SqlExpr } from './layout.ts';

export interface PgLayoutHints {
  /** True when `e`'s stream is the one whose viewer id is the text parameter `param`, in index-friendly SQL. */
  eventsOfStream?: (param: string) => SqlExpr;
  /** The same for the streams table's row `s`. */
  streamRow?: (param: string) => SqlExpr;
  /** The stream's last version from the streams table (`s.version`): its event count when versions are contiguous from 1. */
  streamVersion?: SqlExpr;
  /** The stream's last activity in epoch ms from the streams table (`s.timestamp`): the lastActivity sort key. */
  streamLastActivityMs?: SqlExpr;
  /** Streams-table rows that are streams of the audited system (Marten: not the tombstone stream). */
  streamFilter?: SqlExpr;
}
