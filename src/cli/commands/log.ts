// ledger log: the viewer's own activity log — which stores were opened, what was searched,
// verified and exported, by whom and when — and (--verify) whether its hash chain still holds.
import type { ActivityEntry } from '../../shared/evidence.ts';
import { storeKeyOf } from '../../main/evidence/storeKey.ts';
import { integer, parse } from '../args.ts';
import { cliRecords } from '../activity.ts';
import { json, preview, safeText, shortTime, table } from '../format.ts';
import type { CliIo } from '../io.ts';
import { withStore } from './withStore.ts';
import { t } from '../i18n/index.ts';
import { problemWords, summaryWords, type Words } from '../../shared/activityVerdictWords.ts';

/** The verdict in the reader's language: main states facts, --json keeps its English sentences. */
const say = (words: Words): string => t(words.key, words.values);

export const logHelp = (): string => t('help.log');

/** The facts of an entry that say most about it, shortest first. */
function detailText(entry: ActivityEntry): string {
  const d = entry.details;
  const parts: string[] = [];
  if (typeof d.q === 'string') parts.push(`“${d.q}”`);
  if (Array.isArray(d.args)) parts.push(d.args.join(' '));
  if (typeof d.text === 'string') parts.push(`“${d.text}”`);
  if (typeof d.verdict === 'string') parts.push(d.verdict);
  if (typeof d.file === 'string') parts.push(d.file);
  if ('error' in d) parts.push(t('log.failed', { error: String(d.error) }));
  return parts.length ? safeText(parts.join(' · ')) : preview(d);
}

export async function logCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parse(argv, { verify: { type: 'boolean' }, limit: { type: 'string' } });
  const { activity } = cliRecords();
  if (values.verify) {
    const verdict = activity.verify();
    if (values.json) io.stdout(json(verdict));
    else {
      io.stdout(`${say(summaryWords(verdict))}\n${t('log.file', { file: verdict.file })}\n${t('log.head', { head: verdict.head ?? '—' })}\n`);
      for (const p of verdict.problems) io.stdout(`${t('log.line', { line: String(p.line).padEnd(6), kind: p.kind.padEnd(10), message: safeText(say(problemWords(p))) })}\n`);
    }
    if (!verdict.ok) io.stderr(`${t('log.doesNotVerify', { problem: safeText(say(verdict.problems[0] ? problemWords(verdict.problems[0]) : summaryWords(verdict))) })}\n`);
    return verdict.ok ? 0 : 1;
  }
  const storeKey = typeof values.store === 'string' ? await withStore(values.store, (store) => storeKeyOf(store).key) : null;
  const listing = activity.list({ storeKey, limit: integer(values.limit, 'limit', 1) });
  if (values.json) {
    io.stdout(json(listing));
    return 0;
  }
  if (listing.problem) io.stderr(`${t('log.warning', { problem: listing.problem })}\n`);
  if (listing.entries.length === 0) {
    io.stdout(`${storeKey ? t('log.noneForStore', { file: listing.file }) : t('log.none', { file: listing.file })}\n`);
    return 0;
  }
  io.stdout(
    table(
      ['#', t('log.col.time'), t('log.col.user'), t('log.col.action'), t('log.col.store'), t('log.col.head'), t('log.col.details')],
      listing.entries.map((e) => [String(e.seq), shortTime(e.at), safeText(e.user), e.action, safeText(e.storeLabel ?? '—'), e.chainHead ? e.chainHead.slice(0, 12) : '—', detailText(e)]),
      [0],
    ),
  );
  return 0;
}
