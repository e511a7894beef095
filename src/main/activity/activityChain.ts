// The activity log's hash chain, like the store's: each entry's hash covers the previous entry's
// hash and the entry's own canonical JSON (without its hash), so an edit anywhere breaks every link after it.
import { createHash } from 'node:crypto';
import type { ActivityEntry } from '../../shared/evidence.ts';
import { canonicalJson } from '../store/canonicalJson.ts';

export const GENESIS_HASH = '0'.repeat(64);

export function activityHash(entry: Omit<ActivityEntry, 'hash'> & { hash?: unknown }): string {
  const { hash: _ignored, ...body } = entry;
  return createHash('sha256').update(entry.prevHash).update('\n').update(canonicalJson(body, 'activity entry')).digest('hex');
}

/** The one-line form written to activity.jsonl. */
export function entryLine(entry: ActivityEntry): string {
  return `${JSON.stringify(entry)}\n`;
}

/** Whether a parsed line has the shape of an entry (not whether its hash holds). */
export function looksLikeEntry(value: unknown): value is ActivityEntry {
  if (!value || typeof value !== 'object') return false;
  const e = value as Record<string, unknown>;
  return Number.isSafeInteger(e.seq) && typeof e.hash === 'string' && typeof e.prevHash === 'string' && typeof e.action === 'string' && typeof e.at === 'string';
}
