// ledger log: the viewer's own activity log — which stores were opened, what was searched,
// verified and exported, by whom and when — and (--verify) whether its hash chain still holds.
import type { ActivityEntry } from '../../shared/evidence.ts';
import { storeKeyOf } from '../../main/evidence/storeKey.ts';
import { integer, parse } from '../args.ts';
import { cliRecords } from '../activity.ts';
import { json, preview, safeText, shortTime, table } from '../format.ts';
import type { CliIo } from '../io.ts';
import { withStore } from './withStore.ts';

export const logHelp = `ledger log [--store STORE] [--limit N] [--json]
ledger log --verify [--json]
   The viewer's own activity log, newest first: stores opened (with their identity and chain
   head), searches, verifications, exports, notes and reports, with the OS user and the time. Kept
   in the viewer's folder (LEDGER_HOME overrides it), append-only and hash-chained.
   --store    only the entries about this store (a copy of our store with the same store id counts as it)
   --verify   check the chain: an entry edited, removed, inserted or moved, a cut-off last line.
              Exit 1 with the line and the reason when it does not hold.`;

/** The facts of an entry that say most about it, shortest first. */
function detailText(entry: ActivityEntry): string {
  const d = entry.details;
  const parts: string[] = [];
  if (typeof d.q === 'string') parts.push(`“${d.q}”`);
  if (Array.isArray(d.args)) parts.push(d.args.join(' '));
  if (typeof d.text === 'string') parts.push(`“${d.text}”`);
  if (typeof d.verdict === 'string') parts.push(d.verdict);
  if (typeof d.file === 'string') parts.push(d.file);
  if ('error' in d) parts.push(`failed: ${String(d.error)}`);
  return parts.length ? safeText(parts.join(' · ')) : preview(d);
}

export async function logCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parse(argv, { verify: { type: 'boolean' }, limit: { type: 'string' } });
  const { activity } = cliRecords();
  if (values.verify) {
    const verdict = activity.verify();
    if (values.json) io.stdout(json(verdict));
    else {
      io.stdout(`${verdict.summary}\nFile   ${verdict.file}\nHead   ${verdict.head ?? '—'}\n`);
      for (const p of verdict.problems) io.stdout(`  line ${String(p.line).padEnd(6)} ${p.kind.padEnd(10)} ${safeText(p.message)}\n`);
    }
    if (!verdict.ok) io.stderr(`ledger log: the activity log does not verify: ${verdict.problems[0]?.message ?? verdict.summary}\n`);
    return verdict.ok ? 0 : 1;
  }
  const storeKey = typeof values.store === 'string' ? await withStore(values.store, (store) => storeKeyOf(store).key) : null;
  const listing = activity.list({ storeKey, limit: integer(values.limit, 'limit', 1) });
  if (values.json) {
    io.stdout(json(listing));
    return 0;
  }
  if (listing.problem) io.stderr(`Warning: ${listing.problem}\n`);
  if (listing.entries.length === 0) {
    io.stdout(`No activity recorded${storeKey ? ' for this store' : ''} yet (${listing.file}).\n`);
    return 0;
  }
  io.stdout(
    table(
      ['#', 'TIME', 'USER', 'ACTION', 'STORE', 'CHAIN HEAD', 'DETAILS'],
      listing.entries.map((e) => [String(e.seq), shortTime(e.at), safeText(e.user), e.action, safeText(e.storeLabel ?? '—'), e.chainHead ? e.chainHead.slice(0, 12) : '—', detailText(e)]),
      [0],
    ),
  );
  return 0;
}
