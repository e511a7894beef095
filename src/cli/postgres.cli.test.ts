// Every CLI command takes a postgres:// URL and answers with the same JSON shapes as for a file:
// the same logical events in a Marten database and in our own store give the same answers.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { CONTRACT_DATA } from '../main/adapters/readerContract.ts';
import { writeMartenStreams } from '../main/testing/pgFixtures/marten.ts';
import { createReadonlyRole } from '../main/testing/pgRoles.ts';
import { describePg } from '../main/testing/pgTest.ts';
import { tempDir, tempStore } from '../main/testing/tempFiles.ts';
import { cli } from './testing.ts';

const EVENTS = CONTRACT_DATA.reduce((n, s) => n + s.batches.flat().length, 0);

describePg('ledger commands on a PostgreSQL URL', (ctx) => {
  const dir = tempDir('ledger-pg-cli');
  let url = '';
  let file = '';
  let password = '';
  beforeAll(async () => {
    const admin = await ctx.database('cli_marten');
    await writeMartenStreams(admin, {}, CONTRACT_DATA);
    url = await createReadonlyRole(admin, { schemas: ['public'] });
    password = decodeURIComponent(new URL(url).password);
    const store = tempStore(dir);
    for (const { streamId, batches } of CONTRACT_DATA) for (const batch of batches) store.append(streamId, batch);
    file = store.info.path;
  });

  const json = async (...argv: string[]) => {
    const run = await cli(...argv, '--json');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    return JSON.parse(run.stdout);
  };

  it('stats: the same totals, types and categories; the facts name the layout and never the password', async () => {
    const [pg, own] = await Promise.all([json('stats', url), json('stats', file)]);
    expect(Object.keys(pg.stats).sort()).toEqual(Object.keys(own.stats).sort());
    expect({ ...pg.stats, format: 'x', chainHead: null, schemaVersion: 0, firstRecordedAt: null, lastRecordedAt: null }).toEqual({
      ...own.stats,
      format: 'x',
      chainHead: null,
      schemaVersion: 0,
      firstRecordedAt: null,
      lastRecordedAt: null,
    });
    expect(pg.info).toMatchObject({ kind: 'postgres', format: 'marten', readonly: true, layout: { name: 'Marten' } });
    expect(JSON.stringify(pg)).not.toContain(password);
  });

  it('streams, events, state, diff and blame answer as for the file', async () => {
    const strip = (page: { items: Record<string, unknown>[] }) => page.items.map(({ streamId, version, eventCount, category }) => ({ streamId, version, eventCount, category }));
    expect(strip(await json('streams', url, '--sort', 'id'))).toEqual(strip(await json('streams', file, '--sort', 'id')));
    const events = async (target: string) =>
      (await json('events', target, '--stream', 'cart-1')).items.map((e: Record<string, unknown>) => [e.version, e.type, e.data, e.metadata]);
    expect(await events(url)).toEqual(await events(file));
    const global = async (target: string) => (await json('events', target, '--actor', 'bob')).items.map((e: Record<string, unknown>) => [e.streamId, e.type]);
    expect(await global(url)).toEqual(await global(file));
    for (const argv of [
      ['state', '--stream', 'cart-1', '--at', '4'],
      ['diff', '--stream', 'cart-1', '--from', '1', '--to', '5'],
      ['blame', '--stream', 'cart-1'],
    ]) {
      const [pg, own] = await Promise.all([json(argv[0], url, ...argv.slice(1)), json(argv[0], file, ...argv.slice(1))]);
      const shape = (r: Record<string, unknown>) =>
        // Positions and times differ between the two stores (other writers, other moments); the rest may not.
        JSON.parse(JSON.stringify(r, (key, value) => (['position', 'recordedAt', 'firstPosition', 'lastPosition'].includes(key) || (typeof value === 'string' && /^\d{4}-\d\d-\d\dT/.test(value)) ? undefined : value)));
      expect(shape(pg)).toEqual(shape(own));
    }
  });

  it('export writes the same events with a manifest; verify checks without a chain and says so', async () => {
    const out = path.join(dir, 'all.ndjson');
    const exported = await json('export', url, '--all', '--format', 'ndjson', '--out', out);
    expect(exported).toMatchObject({ events: EVENTS, manifest: { integrity: { status: 'no-chain' } } });
    const lines = fs.readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((e) => e.data)).toEqual(CONTRACT_DATA.flatMap((s) => s.batches.flat().map((e) => e.data)));
    expect(fs.readFileSync(`${out}.manifest.json`, 'utf8')).not.toContain(password);
    const verified = await json('verify', url);
    expect(verified).toMatchObject({ ok: true, mode: 'no-chain', eventsChecked: EVENTS, streamsChecked: CONTRACT_DATA.length });
    expect((await cli('verify', url)).stdout).toMatch(/CONSISTENT: no findings/);
  });

  it('a mistyped database or stream is a typed error in words, exit 1, and the password stays out of it', async () => {
    const wrong = new URL(url);
    wrong.pathname = '/no_such_db';
    for (const run of [await cli('stats', wrong.toString()), await cli('events', url, '--stream', 'nope-1'), await cli('stats', url.replace('postgres://', 'postgres:/'))]) {
      expect(run.code).toBe(1);
      expect(run.stderr).not.toContain(password);
      expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
    }
    expect((await cli('stats', wrong.toString())).stderr).toMatch(/There is no database 'no_such_db'/);
  });
});
