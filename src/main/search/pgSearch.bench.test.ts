// Timings of the PostgreSQL search path against the generic scan on a 300,000-event Marten store
// (generateMartenBulk). Opt in: PG_SEARCH_BENCH=1 npx vitest run src/main/search/pgSearch.bench.test.ts
// The answers are compared too, so the numbers are of equal work.
import { expect, it } from 'vitest';
import type { SearchNode, SearchTerm } from '../../shared/search.ts';
import { openMarten } from '../adapters/postgres/martenTestKit.ts';
import { generateMartenBulk } from '../testing/pgFixtures/marten.ts';
import { describePg } from '../testing/pgTest.ts';
import { searchGeneric } from './genericSearch.ts';
import { searchTree } from './search.ts';

const EVENTS = Number(process.env.PG_SEARCH_BENCH_EVENTS ?? 300_000);
const term = (t: SearchTerm): SearchNode => ({ kind: 'term', term: t, span: [0, 0] });
const and = (...nodes: SearchNode[]): SearchNode => ({ kind: 'and', nodes });

describePg('PostgreSQL search timings', (ctx) => {
  it.runIf(process.env.PG_SEARCH_BENCH)(`SQL vs the generic scan over ${EVENTS} Marten events`, async () => {
    const url = await ctx.database('pg_search_bench');
    await generateMartenBulk(url, { events: EVENTS, streams: 1000, longStreamEvents: 1000 });
    const store = await openMarten(url);
    try {
      const queries: [string, SearchNode][] = [
        ['type:ItemAdded data.amount>=95', and(term({ kind: 'type', match: { kind: 'exact', text: 'ItemAdded' } }), term({ kind: 'path', path: { root: 'data', steps: [{ kind: 'key', key: 'amount' }] }, op: '>=', value: { kind: 'number', value: 95 } }))],
        ['stream:long-1', term({ kind: 'stream', match: { kind: 'exact', text: 'long-1' } })],
        ['position:150000..150100', term({ kind: 'position', range: { from: 150_000, to: 150_100 } })],
        ['actor:user:7 data.note:"bulk event 1*"', and(term({ kind: 'actor', match: { kind: 'exact', text: 'user:7' } }), term({ kind: 'path', path: { root: 'data', steps: [{ kind: 'key', key: 'note' }] }, op: '=', value: { kind: 'text', match: { kind: 'pattern', glob: 'bulk event 1*' } } }))],
        ['"bulk event 29999" (free text)', term({ kind: 'text', text: 'bulk event 29999' })],
      ];
      const lines: string[] = [];
      for (const [label, node] of queries) {
        for (const facets of [false, true]) {
          let t = performance.now();
          const sql = await searchTree(store, node, { q: '', facets });
          const sqlMs = performance.now() - t;
          t = performance.now();
          const generic = await searchGeneric(store, { node, request: { q: '', facets }, after: 0, limit: 50 }, {});
          const genericMs = performance.now() - t;
          expect(sql.plan).toBe('sql');
          expect({ ...sql, plan: '' }).toEqual({ ...generic, plan: '' });
          lines.push(`${label}${facets ? ' +facets' : ''}: ${sql.total} matches; sql ${sqlMs.toFixed(0)} ms, generic scan ${genericMs.toFixed(0)} ms`);
        }
      }
      console.log(lines.join('\n'));
    } finally {
      await store.close();
    }
  }, 600_000);
});
