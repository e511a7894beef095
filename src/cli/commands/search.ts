// ledger search STORE QUERY: the search box on the command line. The query language is the
// README's ("Search"); a query that does not parse is a usage error that shows where it stopped,
// with a caret under the query, and the way out (--literal searches the whole text as typed).
import type { SearchFacets, SearchResult } from '../../shared/search.ts';
import type { StoredEvent } from '../../shared/types.ts';
import { parseSearch } from '../../shared/searchQuery.ts';
import { errorText } from '../../shared/errorWords/index.ts';
import { eventAsWritten } from '../../main/store/decode.ts';
import { searchStore } from '../../main/search/search.ts';
import { integer, parse, storePath } from '../args.ts';
import { json, number, preview, safeText, shortTime, table, versionCell } from '../format.ts';
import { UsageError, type CliIo } from '../io.ts';
import { withStore } from './withStore.ts';
import { eventHeadings } from './events.ts';
import { t } from '../i18n/index.ts';

export const searchHelp = (): string => t('help.search');

/** How many characters of a long query to show on each side of the problem. */
const CONTEXT = 40;

/** The query around `at` with a caret under it (long queries are cut to a window). */
export function caretUnder(q: string, at: number): string {
  const from = Math.max(0, at - CONTEXT);
  const to = Math.min(q.length, at + CONTEXT);
  const lead = from > 0 ? '…' : '';
  const shown = `${lead}${safeText(q.slice(from, to))}${to < q.length ? '…' : ''}`;
  const pad = lead.length + safeText(q.slice(from, at)).length;
  return `  ${shown}\n  ${' '.repeat(pad)}^\n`;
}

export async function searchCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(argv, {
    limit: { type: 'string' },
    after: { type: 'string' },
    facets: { type: 'boolean' },
    literal: { type: 'boolean' },
  });
  const store = storePath(values, positionals);
  const words = positionals.slice(typeof values.store === 'string' ? 0 : 1);
  if (words.length === 0) throw new UsageError(t('search.whatFor'));
  const q = words.join(' ');
  const limit = integer(values.limit, 'limit', 1) ?? 50;
  if (limit > 1000) throw new UsageError(t('search.limitMax', { value: values.limit }));
  const literal = values.literal ?? false;
  if (!literal) {
    const parsed = parseSearch(q);
    if (!parsed.ok) {
      const { message, at } = parsed.problem;
      // The parser's words in the reader's language (its English while they no longer make it).
      const said = parsed.words ? errorText({ message, words: parsed.words }, t) : message;
      io.stderr(`${t('search.unreadable', { at: at + 1, message: said })}\n${caretUnder(q, at)}${t('search.literalHint')}\n`);
      // cli-verbatim: --json is machine output, in English whatever the language
      if (values.json) io.stdout(json({ ok: false, error: { code: 'INVALID_INPUT', message: `The query could not be read at character ${at + 1}: ${message}`, details: { at, hint: 'add --literal' } } }));
      return 2;
    }
  }
  return withStore(store, async (reader) => {
    const result = await searchStore(reader, { q, literal, limit, after: values.after ?? null, facets: values.facets ?? false });
    if (values.json) {
      io.stdout(json({ ...result, items: result.items.map(eventAsWritten), facets: result.facets ?? null, histogram: undefined }));
      return 0;
    }
    io.stdout(summaryLine(result));
    for (const blind of result.blindSpots) io.stdout(`${t('search.cannotSee', { blind })}\n`);
    if (result.items.length > 0) io.stdout(table(eventHeadings(), result.items.map(eventRow), [0, 2]));
    if (result.facets) io.stdout(facetLines(result.facets));
    if (result.next !== null) io.stdout(`${t('format.more', { option: '--after', cursor: result.next })}\n`);
    return 0;
  });
}

function summaryLine(result: SearchResult): string {
  const count = result.totalIsLowerBound ? t('search.atLeast', { total: result.total }) : t('search.matches', { count: result.total });
  return `${t('search.summary', { count, showing: result.items.length < result.total ? t('search.showing', { shown: result.items.length }) : '' })}\n`;
}

function facetLines(facets: SearchFacets): string {
  const group = (title: string, entries: { value: string; count: number }[]) =>
    entries.length === 0 ? '' : `${title}: ${entries.map((e) => `${safeText(e.value) || t('search.facet.none')} ${number(e.count)}`).join(' · ')}\n`;
  return [group(t('search.facet.types'), facets.types), group(t('search.facet.categories'), facets.categories), group(t('search.facet.actors'), facets.actors), group(t('search.facet.months'), facets.months)].join('');
}

function eventRow(e: StoredEvent): string[] {
  const actor = typeof e.metadata.actor === 'string' ? e.metadata.actor : '';
  return [String(e.position), safeText(e.streamId), versionCell(e), shortTime(e.recordedAt), safeText(e.type), safeText(actor), e.decodeError ? `⚠ ${e.decodeError}` : preview(eventAsWritten(e).data)];
}
