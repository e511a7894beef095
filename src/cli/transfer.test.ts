import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeDemoStore } from '../main/demo/generateDemo.ts';
import { tempDir } from '../main/testing/tempFiles.ts';
import { cli } from './testing.ts';


describe('ledger import / export', () => {
  const dir = tempDir('cli-transfer');
  const store = path.join(dir, 'demo.db');
  writeDemoStore(store, { streams: 10, events: 400, longStreams: 0, seed: 'transfer' });

  it('exports the whole store and imports it back into an identical chain', async () => {
    const out = path.join(dir, 'all.ndjson');
    const exported = await cli('export', store, '--all', '--format', 'ndjson', '--out', out);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(/^Exported 400 events to .*all\.ndjson \([\d,]+ bytes, sha256 [0-9a-f]{64}\)/);
    const imported = await cli('import', out, '--out', path.join(dir, 'copy.db'));
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/Imported 400 events in 10 streams .* \(ndjson\)/);
    const heads = await Promise.all([store, path.join(dir, 'copy.db')].map(async (f) => JSON.parse((await cli('stats', f, '--json')).stdout).stats.chainHead));
    expect(heads[1]).toBe(heads[0]);
  });

  it('exports one stream range as CSV', async () => {
    const stream = JSON.parse((await cli('streams', store, '--json', '--sort', 'count', '--limit', '1')).stdout).items[0].streamId;
    const out = path.join(dir, 'one.csv');
    expect((await cli('export', store, '--stream', stream, '--from', '2', '--to', '4', '--format', 'csv', '--out', out)).code).toBe(0);
    const lines = fs.readFileSync(out, 'utf8').trimEnd().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[1].split(',')[3]).toBe('2');
  });

  it('maps fields, skips bad records on request, and fails clearly otherwise', async () => {
    const input = path.join(dir, 'custom.ndjson');
    fs.writeFileSync(input, ['{"agg":"a-1","kind":"X","n":1}', 'oops', '{"agg":"a-1","kind":"Y","n":2}'].join('\n'));
    const failed = await cli('import', input, '--out', path.join(dir, 'x.db'), '--map', 'streamId=agg', '--map', 'type=kind');
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/1 of 3 records are invalid, so nothing was imported \(first: line 2: not valid JSON/);
    const skipped = await cli('import', input, '--out', path.join(dir, 'x.db'), '--map', 'streamId=agg', '--map', 'type=kind', '--skip-bad');
    expect(skipped.code).toBe(0);
    expect(skipped.stdout).toMatch(/1 bad records were skipped; see .*x\.db\.import-report\.json/);
    expect((await cli('import', input, '--out', path.join(dir, 'y.db'), '--map', 'stream=agg')).code).toBe(2);
    expect((await cli('export', store, '--format', 'ndjson', '--out', path.join(dir, 'z'))).stderr).toMatch(/Give --stream S or --all/);
  });
});
