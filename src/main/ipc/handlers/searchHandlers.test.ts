// search/run and search/export through the app's dispatch (validation, handler, engine): a bad
// query is refused with its position, a literal search then runs it, answers equal a brute-force
// filter, the 100 kB cap holds at the boundary, the export writes the stored events and a manifest
// that records the query, and the audited store file is not changed by any of it.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportResult, JobDetail } from '../../../shared/contract.ts';
import type { Result } from '../../../shared/result.ts';
import type { SearchResult } from '../../../shared/search.ts';
import type { StoredEvent } from '../../../shared/types.ts';
import { createLedgerApp } from '../../composition.ts';
import { writeDemoStore } from '../../demo/generateDemo.ts';
import { tempDir } from '../../testing/tempFiles.ts';
import { verifyExport } from '../../export/verifyExport.ts';
import type { Host } from './host.ts';
import { browserTestHost } from '../../testing/testHost.ts';

const dir = tempDir('search-handlers');
const store = path.join(dir, 'store.db');
writeDemoStore(store, { streams: 12, events: 400, longStreams: 0, longEvents: 2, seed: 'search-handlers' });
const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe('search channels', () => {
  const host: Host = browserTestHost(path.join(dir, 'saved'));
  const ledger = createLedgerApp({ host, paths: { config: path.join(dir, 'config'), cache: path.join(dir, 'cache'), exports: path.join(dir, 'exports') } });
  const call = async <T>(channel: string, input?: unknown) => (await ledger.dispatch(channel, input)) as Result<T>;
  const before = sha(store);
  let all: StoredEvent[] = [];

  beforeAll(async () => {
    await ledger.session.open(store);
    const page = await call<{ items: StoredEvent[] }>('events/list', { limit: 10_000 });
    if (!page.ok) throw new Error(page.error.message);
    all = page.value.items;
  });
  afterAll(async () => {
    await ledger.session.close();
    // Searching and exporting read the audited file and write nothing into it.
    expect(sha(store)).toBe(before);
  });

  const sku = () => (all.find((e) => e.type === 'ItemAdded')?.data as { sku: string }).sku;
  const containing = (needle: string) => all.filter((e) => [JSON.stringify(e.data), JSON.stringify(e.metadata), e.streamId, e.type].join('\n').toLowerCase().includes(needle.toLowerCase()));

  it('answers a search like a brute-force filter, with facets and a plot', async () => {
    const answer = await call<SearchResult>('search/run', { q: `${sku()} type:ItemAdded`, facets: true, limit: 1000 });
    if (!answer.ok) throw new Error(answer.error.message);
    const expected = containing(sku()).filter((e) => e.type === 'ItemAdded');
    expect(answer.value.total).toBe(expected.length);
    expect(answer.value.items.map((e) => e.position)).toEqual(expected.map((e) => e.position));
    expect(answer.value.facets?.types).toEqual([{ value: 'ItemAdded', count: expected.length }]);
    expect(answer.value.histogram?.total).toBe(expected.length);
  });

  it('refuses a query that does not parse with where it stopped; the literal search runs it', async () => {
    const q = `${sku()} (type:ItemAdded`;
    const refused = await call<SearchResult>('search/run', { q });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: { at: q.indexOf('(') } } });
    const literal = await call<SearchResult>('search/run', { q, literal: true });
    expect(literal).toMatchObject({ ok: true, value: { total: containing(q).length } });
  });

  it('takes a 100 kB query of hostile text and refuses a longer one at the boundary', async () => {
    const hostile = `NEAR( "x" * '); DROP TABLE events; -- .*[a-z]+ `.repeat(2000).slice(0, 100_000);
    const answer = await call<SearchResult>('search/run', { q: hostile, literal: true });
    expect(answer).toMatchObject({ ok: true, value: { total: 0 } });
    expect(await call('search/run', { q: 'x'.repeat(100_001) })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await call('search/run', { q: 'x', sql: 'DROP' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('exports every result as the stored events, one per line, with a manifest that records the query', async () => {
    const q = sku();
    const started = await call<{ id: string }>('search/export', { q });
    if (!started.ok) throw new Error(started.error.message);
    await ledger.jobs.wait(started.value.id);
    const detail = await call<JobDetail>('jobs/get', { id: started.value.id });
    if (!detail.ok) throw new Error(detail.error.message);
    expect(detail.value.job.status).toBe('succeeded');
    expect(detail.value.job.subject).toEqual({ case: 'exportSearch', q });
    const result = detail.value.result as ExportResult;
    const lines = fs.readFileSync(result.path, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    expect(lines.map((e) => e.position)).toEqual(containing(q).map((e) => e.position));
    expect(result.events).toBe(lines.length);
    expect(result.sha256).toBe(sha(result.path));
    const manifest = JSON.parse(fs.readFileSync(result.manifestPath, 'utf8'));
    expect(manifest.query).toEqual({ kind: 'search', q, literal: false, format: 'ndjson' });
    expect(manifest.files[0]).toEqual(expect.objectContaining({ sha256: result.sha256 }));
    expect(manifest.files.slice(1).map((f: { path: string }) => f.path)).toEqual(['activity.jsonl', 'notes.json']);
    expect(manifest.events.count).toBe(lines.length);
    // The bundle checks out later: files as recorded, the store still holding the recorded head.
    const checked = await verifyExport(result.manifestPath, { store });
    expect(checked.findings).toEqual([]);
    expect(checked.ok).toBe(true);
  });
});
