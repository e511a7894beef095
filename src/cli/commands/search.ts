// ledger search STORE QUERY: the search box on the command line. The query language is the
// README's ("Search"); a query that does not parse is a usage error that shows where it stopped,
// with a caret under the query, and the way out (--literal searches the whole text as typed).
import type { SearchFacets, SearchResult } from '../../shared/search.ts';
import type { StoredEvent } from '../../shared/types.ts';
import { parseSearch } from '../../shared/searchQuery.ts';
import { eventAsWritten } from '../../main/store/decode.ts';
import { searchStore } from '../../main/search/search.ts';
import { integer, parse, storePath } from '../args.ts';
import { json, number, preview, safeText, shortTime, table, versionCell } from '../format.ts';
import { UsageError, type CliIo } from '../io.ts';
import { withStore } from './withStore.ts';

export const searchHelp = `ledger search STORE QUERY [--limit N] [--after CURSOR] [--facets] [--literal] [--json]
   QUERY: free words and "quoted phrases" (case-insensitive, anywhere in data, metadata, stream id
   and type), fields (type:ItemAdded stream:cart-* category:cart actor:support:* correlation:…
   causation:… id:… position:100..200 version:1..10 after:2026-04-01 before:2026-05-01T12:00Z),
   JSON paths (data.customer.email:ada@example.com data.total>10000 data.items[].sku:SKU-0046
   has:data.paymentId), AND (implicit), OR, -term / NOT, parentheses. Quote the query for the shell;
   a query starting with "-" goes after "--" (ledger search store.db -- -type:CartCreated).
   --literal  search the whole text as typed (no query language)
   --facets   also count the matches by type, category, actor and month
   --after    the cursor printed after a page ("more: --after …")
   --json     { total, totalIsLowerBound, items (as ledger events --json), next, facets, blindSpots, plan }`;

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
  if (words.length === 0) throw new UsageError('What to search for? Give the query after the store, in quotes: ledger search store.db "SKU-0046".');
  const q = words.join(' ');
  const limit = integer(values.limit, 'limit', 1) ?? 50;
  if (limit > 1000) throw new UsageError(`--limit must be at most 1000, got '${values.limit}'.`);
  const literal = values.literal ?? false;
  if (!literal) {
    const parsed = parseSearch(q);
    if (!parsed.ok) {
      const { message, at } = parsed.problem;
      io.stderr(`ledger search: the query could not be read at character ${at + 1}: ${message}\n${caretUnder(q, at)}To search for the whole text as typed, add --literal.\n`);
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
    for (const blind of result.blindSpots) io.stdout(`Cannot see: ${blind}\n`);
    if (result.items.length > 0) io.stdout(table(['POSITION', 'STREAM', 'VER', 'TIME', 'TYPE', 'ACTOR', 'DATA'], result.items.map(eventRow), [0, 2]));
    if (result.facets) io.stdout(facetLines(result.facets));
    if (result.next !== null) io.stdout(`… more: --after ${result.next}\n`);
    return 0;
  });
}

function summaryLine(result: SearchResult): string {
  const one = result.total === 1 && !result.totalIsLowerBound;
  const count = `${result.totalIsLowerBound ? 'At least ' : ''}${number(result.total)} event${one ? '' : 's'} ${one ? 'matches' : 'match'}`;
  return `${count}${result.items.length < result.total ? `; showing ${number(result.items.length)}` : ''}.\n`;
}

function facetLines(facets: SearchFacets): string {
  const group = (title: string, entries: { value: string; count: number }[]) =>
    entries.length === 0 ? '' : `${title}: ${entries.map((e) => `${safeText(e.value) || '(none)'} ${number(e.count)}`).join(' · ')}\n`;
  return [group('Types', facets.types), group('Categories', facets.categories), group('Actors', facets.actors), group('Months', facets.months)].join('');
}

function eventRow(e: StoredEvent): string[] {
  const actor = typeof e.metadata.actor === 'string' ? e.metadata.actor : '';
  return [String(e.position), safeText(e.streamId), versionCell(e), shortTime(e.recordedAt), safeText(e.type), safeText(actor), e.decodeError ? `⚠ ${e.decodeError}` : preview(eventAsWritten(e).data)];
}
