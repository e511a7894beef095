// How each kind of verification finding is named and explained to an auditor.
import type { VerifyFindingKind } from '../../../../shared/verify.ts';

export const FINDING_LABELS: Record<VerifyFindingKind, { title: string; explain: string }> = {
  edited: { title: 'Edited', explain: 'The stored event no longer matches the hash recorded for it: its data, metadata, type, stream, version or time was changed.' },
  deleted: { title: 'Deleted', explain: "Events are missing: a later event links to one that is no longer in the chain, or a stream's versions skip a number." },
  inserted: { title: 'Inserted', explain: 'Events that were never part of the recorded history were added (a repeated version, position or event id).' },
  reordered: { title: 'Reordered', explain: 'Events were moved out of the order in which they were recorded (positions or versions out of order).' },
  'summary-mismatch': { title: 'Summary mismatch', explain: "The store's own summaries (streams, event types, chain head row, indexed columns) disagree with its events." },
  'corrupt-page': { title: 'Corrupt page', explain: 'SQLite reports damaged database pages: parts of the file cannot be read reliably.' },
  rewritten: { title: 'Rewritten', explain: 'A chain head recorded earlier is no longer in the chain: history up to it was rewritten with recomputed hashes, or truncated.' },
  'schema-changed': { title: 'Schema changed', explain: 'Tables or indexes the store relies on are missing or different.' },
  'index-divergence': { title: 'Index tampered', explain: 'An index returns other values than the event it indexes: it was edited behind SQLite, so reads served from it (replay) would disagree with the event.' },
};
