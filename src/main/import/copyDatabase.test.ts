// Verified copies of PostgreSQL stores, against the real server, read through an auditor's role
// (USAGE + SELECT only): the copy verifies, and holds the source's events — same ids, streams,
// versions, types, data, metadata and times, in the source's read order.
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { expect, it } from 'vitest';
import { cli } from '../../cli/testing.ts';
import { openForViewing } from '../adapters/openForViewing.ts';
import { openStoreTarget } from '../adapters/openStoreTarget.ts';
import { CONTRACT_DATA } from '../adapters/readerContract.ts';
import { collect } from '../store/asyncReader.ts';
import type { EventStoreReader, RawEvent } from '../store/eventStore.ts';
import { appendMarten, archiveMartenStream, generateMartenBulk, writeMartenHole, writeMartenStreams, writeMartenTombstones } from '../testing/pgFixtures/marten.ts';
import { EVENTS_LOG_MAP, writeMappedTable } from '../testing/pgFixtures/mappedTable.ts';
import { writeMessageDb } from '../testing/pgFixtures/messageDb.ts';
import { createReadonlyRole } from '../testing/pgRoles.ts';
import { describePg } from '../testing/pgTest.ts';
import { tempDir } from '../testing/tempFiles.ts';
import { verify } from '../verify/verify.ts';
import { importEvents } from './importEvents.ts';

const dir = tempDir('copy-database');
let serial = 0;
const outFile = (name: string) => path.join(dir, `${name}-${++serial}.db`);

/** What a copy must keep of each event (positions are the copy's own; text is compared as JSON). */
const comparable = (e: RawEvent) => ({
  eventId: e.eventId,
  streamId: e.streamId,
  version: e.version,
  type: e.type,
  recordedAt: e.recordedAt,
  data: JSON.parse(e.dataText) as unknown,
  metadata: JSON.parse(e.metadataText) as unknown,
});

async function rawOf(reader: EventStoreReader): Promise<ReturnType<typeof comparable>[]> {
  return (await collect(reader.iterateRaw({ kind: 'all' }))).map(comparable);
}

async function copiedEvents(file: string) {
  const copy = openForViewing(file);
  try {
    return { events: await rawOf(copy), stats: await copy.stats() };
  } finally {
    await copy.close();
  }
}

async function sourceEvents(url: string, options: { table?: string; map?: string[] } = {}) {
  const source = await openStoreTarget(url, options);
  try {
    return await rawOf(source);
  } finally {
    await source.close();
  }
}

/** Files left in the folder: a cancelled or failed copy leaves none (no store, no work folder). */
const leftovers = (prefix: string) => fs.readdirSync(dir).filter((f) => f.includes(prefix));

describePg('verified copy of a database store', (ctx) => {
  it('Marten (tombstones, a hole, an archived stream), read as an auditor: the copy verifies and holds the same events', async () => {
    const admin = await ctx.database('copy_marten');
    await writeMartenStreams(admin, {}, CONTRACT_DATA);
    await writeMartenTombstones(admin, {}, 'cart-1', 2);
    await writeMartenHole(admin, {}, 'account-1');
    await appendMarten(admin, {}, [{ streamId: 'late-1', events: [{ type: 'Late', data: { big: 12345678901234567890, price: 19.99 }, dataText: '{"big": 12345678901234567890, "price": 19.990}' } as never] }]);
    await archiveMartenStream(admin, {}, 'counter-1');
    const auditor = await createReadonlyRole(admin, { schemas: ['public'] });

    const out = outFile('marten');
    const progress: { done: number; total: number }[] = [];
    const report = await importEvents({ input: auditor, out, onProgress: (p) => progress.push(p) });
    const source = await sourceEvents(auditor);
    expect(source.length).toBe(CONTRACT_DATA.flatMap((s) => s.batches.flat()).length + 1); // tombstones hidden
    expect(report).toMatchObject({ format: 'store', events: source.length, skippedCount: 0, renumberedStreams: 0, sourceVersions: null, streams: 5 });
    // Named without the password; the total is the event count (the sequence has gaps).
    expect(report.input).not.toContain(new URL(auditor).password);
    expect(report.input).toMatch(/^postgres(ql)?:\/\//);
    expect(progress.at(-1)).toEqual({ done: source.length, total: source.length, events: source.length });

    const copy = await copiedEvents(out);
    expect(copy.events).toEqual(source);
    // Numbers as written, even where JSON.parse would round them.
    const late = openForViewing(out);
    expect((await collect(late.iterateRaw({ kind: 'stream', streamId: 'late-1' })))[0].dataText).toContain('12345678901234567890');
    await late.close();

    const verdict = await verify(out);
    expect(verdict.ok).toBe(true);
    expect(verdict.chainHead).toBe(report.chainHead);
    expect(report.chainHead).toMatch(/^[0-9a-f]{64}$/);
    expect(copy.stats.chainHead).toBe(report.chainHead);
  });

  it('a role allowed one connection at a time is copied too (the source is then read on the import\'s thread)', async () => {
    const admin = await ctx.database('copy_one_connection');
    await writeMartenStreams(admin, {}, CONTRACT_DATA);
    const auditor = await createReadonlyRole(admin, { schemas: ['public'] });
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    try {
      await client.query(`ALTER ROLE ${client.escapeIdentifier(decodeURIComponent(new URL(auditor).username))} CONNECTION LIMIT 1`);
    } finally {
      await client.end();
    }
    const out = outFile('one-connection');
    const report = await importEvents({ input: auditor, out });
    const source = await sourceEvents(auditor);
    expect(report.events).toBe(source.length);
    expect((await copiedEvents(out)).events).toEqual(source);
    expect((await verify(out)).ok).toBe(true);
  });

  it("Message DB (0-based positions): the copy keeps the viewer's 1-based versions and reports the source's numbering", async () => {
    const admin = await ctx.database('copy_mdb');
    await writeMessageDb(admin, CONTRACT_DATA);
    const auditor = await createReadonlyRole(admin, { schemas: ['message_store'] });
    const out = outFile('mdb');
    const report = await importEvents({ input: auditor, out });
    expect(report.sourceVersions).toMatchObject({ offset: -1 });
    expect(report.sourceVersions?.note).toContain('from 0');
    const source = await sourceEvents(auditor);
    const copy = await copiedEvents(out);
    expect(copy.events).toEqual(source);
    expect(copy.events.filter((e) => e.streamId === 'cart-1').map((e) => e.version)).toEqual([1, 2, 3, 4, 5]);
    expect((await verify(out)).ok).toBe(true);
  });

  it('an already-open reader (the app\'s open store) is copied and left open', async () => {
    const admin = await ctx.database('copy_open');
    await writeMartenStreams(admin, {}, CONTRACT_DATA);
    const open = await openStoreTarget(admin);
    try {
      const report = await importEvents({ input: open.info.path, source: open, out: outFile('open') });
      expect(report.events).toBe(10);
      expect((await copiedEvents(report.out)).events).toEqual(await rawOf(open));
      expect((await open.stats()).events).toBe(10); // still open
    } finally {
      await open.close();
    }
  });

  it('CLI: ledger import URL --out FILE, and a mapped table with --table/--map (the table mapping, not field mapping)', async () => {
    const admin = await ctx.database('copy_cli');
    await writeMappedTable(admin, CONTRACT_DATA, { seqBase: 0 });
    const auditor = await createReadonlyRole(admin, { schemas: ['audit'] });
    const out = outFile('cli-mapped');
    const map = EVENTS_LOG_MAP.flatMap((m) => ['--map', m]);
    const run = await cli('import', auditor, '--out', out, '--table', 'audit.events_log', ...map, '--json');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ format: 'store', events: 10, sourceVersions: { offset: -1 } });
    expect((await copiedEvents(out)).events).toEqual(await sourceEvents(auditor, { table: 'audit.events_log', map: EVENTS_LOG_MAP }));
    expect((await verify(out)).chainHead).toBe(report.chainHead);

    const text = await cli('import', auditor, '--out', outFile('cli-text'), '--table', 'audit.events_log', ...map);
    expect(text.stdout).toMatch(/Imported 10 events in 4 streams from postgres/);
    expect(text.stdout).toMatch(/Chain head [0-9a-f]{64}/);
    expect(text.stdout).not.toContain(new URL(auditor).password);
    // --map without --table is refused for a URL, and --table is refused for a file.
    expect(await cli('import', auditor, '--out', outFile('x'), '--map', 'streamId=a')).toMatchObject({ code: 2 });
    expect((await cli('import', out, '--out', outFile('y'), '--table', 'a.b')).code).not.toBe(0);
  });

  it('a store whose stream skips a version is refused whole: no renumbering, no file', async () => {
    const admin = await ctx.database('copy_gap');
    await writeMartenStreams(admin, {}, CONTRACT_DATA);
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(`DELETE FROM mt_events WHERE stream_id = 'cart-1' AND version = 2`);
    await client.end();
    const out = path.join(dir, 'gap-copy.db');
    const copying = importEvents({ input: admin, out });
    await expect(copying).rejects.toMatchObject({ code: 'BAD_DATA', message: expect.stringMatching(/no copy was made \(first: position \d+: version: 3 for stream 'cart-1' skips ahead/) });
    await expect(importEvents({ input: admin, out })).rejects.not.toMatchObject({ message: expect.stringContaining('--skip-bad') });
    expect(leftovers('gap-copy')).toEqual([]);
  });

  it('cancel mid-copy: the backend query stops and no file is left behind', async () => {
    const admin = await ctx.database('copy_cancel');
    await generateMartenBulk(admin, { events: 60_000, streams: 50 });
    const auditor = await createReadonlyRole(admin, { schemas: ['public'] });
    const role = decodeURIComponent(new URL(auditor).username);
    const controller = new AbortController();
    const out = path.join(dir, 'cancelled-copy.db');
    let seen = 0;
    const copying = importEvents({
      input: auditor,
      out,
      signal: controller.signal,
      onProgress: (p) => {
        seen = p.done;
        if (p.done >= 5000) controller.abort();
      },
    });
    await expect(copying).rejects.toMatchObject({ code: 'CANCELLED', message: 'The copy was cancelled.' });
    expect(seen).toBeGreaterThan(0);
    expect(seen).toBeLessThan(60_000);
    expect(leftovers('cancelled-copy')).toEqual([]);
    // Nothing of the auditor's is still running on the server.
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    try {
      const active = await client.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE usename = $1 AND state = 'active'`, [role]);
      expect(active.rows[0].n).toBe(0);
    } finally {
      await client.end();
    }
  });
});
