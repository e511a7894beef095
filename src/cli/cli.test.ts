import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../main/testing/tempFiles.ts';
import { CLI_MAIN, cli, spawnCli } from './testing.ts';




describe('ledger CLI, end to end on a demo store', () => {
  const dir = tempDir('ledger-cli');
  const file = path.join(dir, 'demo.db');

  beforeAll(() => {
    // The real binary, in a child process: the demo command and its exit code.
    const result = spawnCli('demo', '--out', file, '--streams', '30', '--events', '1500', '--long-streams', '1', '--long-events', '800', '--seed', 'cli-test');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Wrote 2,300 events in 31 streams to .*demo\.db/);
  });

  it('demo is deterministic for a seed and refuses to overwrite without --force', async () => {
    const again = path.join(dir, 'again.db');
    expect((await cli('demo', '--out', again, '--streams', '30', '--events', '1500', '--long-streams', '1', '--long-events', '800', '--seed', 'cli-test')).code).toBe(0);
    const heads = await Promise.all([file, again].map(async (f) => JSON.parse((await cli('stats', f, '--json')).stdout).stats.chainHead));
    expect(heads[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(heads[1]).toBe(heads[0]);
    const refused = await cli('demo', '--out', again);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/already exists; pass --force/);
  });

  it('stats shows the file facts', async () => {
    const { code, stdout } = await cli('stats', file);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Events\s+2,300/);
    expect(stdout).toMatch(/Streams\s+31/);
    expect(stdout).toMatch(/opened read-only/);
    const stats = JSON.parse((await cli('stats', file, '--json')).stdout).stats;
    expect(stats).toMatchObject({ events: 2300, streams: 31, format: 'ledger' });
  });

  it('streams lists, filters and pages', async () => {
    const json = JSON.parse((await cli('streams', file, '--json', '--category', 'cart', '--sort', 'count', '--limit', '3')).stdout);
    expect(json.items).toHaveLength(3);
    expect(json.items[0].streamId).toBe('cart-wholesale-001');
    expect(json.items.every((s: { category: string }) => s.category === 'cart')).toBe(true);
    const next = JSON.parse((await cli('streams', file, '--json', '--category', 'cart', '--sort', 'count', '--limit', '3', '--after', json.next)).stdout);
    expect(next.items[0].eventCount).toBeLessThanOrEqual(json.items[2].eventCount);
    const human = await cli('streams', file, '--prefix', 'account-', '--limit', '2');
    expect(human.stdout.split('\n')[0]).toMatch(/^STREAM\s+CATEGORY\s+EVENTS\s+LAST ACTIVITY$/);
    expect(human.stdout).toMatch(/… more: --after \S+/);
  });

  it('events reads a stream, the global log with filters, and streams everything with --all', async () => {
    const page = JSON.parse((await cli('events', file, '--stream', 'cart-wholesale-001', '--limit', '5', '--json')).stdout);
    expect(page.items.map((e: { version: number }) => e.version)).toEqual([1, 2, 3, 4, 5]);
    expect(page.next).toBe(6);
    const added = JSON.parse((await cli('events', file, '--type', 'ItemAdded,ItemRemoved', '--prefix', 'cart-0', '--limit', '20', '--json')).stdout);
    expect(added.items.every((e: { type: string; streamId: string }) => ['ItemAdded', 'ItemRemoved'].includes(e.type) && e.streamId.startsWith('cart-0'))).toBe(true);
    const all = await cli('events', file, '--all', '--json');
    const lines = all.stdout.trim().split('\n');
    expect(lines).toHaveLength(2300);
    expect(JSON.parse(lines[2299]).position).toBe(2300);
  });

  it('time and actor filters: a date-only --to-time includes that day, impossible dates are refused, --actor trims, wildcards and hints', async () => {
    const every = (await cli('events', file, '--all', '--json')).stdout.trim().split('\n').map((l) => JSON.parse(l) as { recordedAt: string; metadata: { actor?: string } });
    const day = every[Math.floor(every.length / 2)].recordedAt.slice(0, 10);
    const onDay = every.filter((e) => e.recordedAt.startsWith(day)).length;
    expect(onDay).toBeGreaterThan(0);
    const filtered = (await cli('events', file, '--all', '--json', '--from-time', day, '--to-time', day)).stdout.trim().split('\n').filter(Boolean);
    expect(filtered).toHaveLength(onDay);
    const human = await cli('events', file, '--from-time', day, '--to-time', day, '--limit', '1');
    const next = new Date(Date.parse(day) + 86_400_000).toISOString().slice(0, 10);
    expect(human.stdout.split('\n')[0]).toBe(`Showing ${day} 00:00:00 UTC to ${next} 00:00:00 UTC (exclusive).`);

    const feb30 = await cli('events', file, '--to-time', '2026-02-30');
    expect(feb30).toMatchObject({ code: 2, stderr: expect.stringContaining('--to-time: 2026-02-30 is not a date: February 2026 has 28 days.') });
    expect((await cli('state', file, '--stream', 'cart-wholesale-001', '--at-time', '2026-02-30')).code).toBe(2);
    expect((await cli('export', file, '--all', '--to-time', '2025-13-01', '--format', 'ndjson', '--out', path.join(dir, 'x.ndjson'))).code).toBe(2);

    const actor = every.find((e) => typeof e.metadata.actor === 'string' && e.metadata.actor.includes(':'))!.metadata.actor!;
    const ofActor = every.filter((e) => e.metadata.actor === actor).length;
    const padded = JSON.parse((await cli('events', file, '--actor', ` ${actor} `, '--limit', '10000', '--json')).stdout);
    expect(padded.items).toHaveLength(ofActor);
    const prefix = actor.slice(0, actor.indexOf(':') + 1);
    const byPrefix = JSON.parse((await cli('events', file, '--actor', `${prefix}*`, '--limit', '10000', '--json')).stdout);
    expect(byPrefix.items).toHaveLength(every.filter((e) => e.metadata.actor?.startsWith(prefix)).length);
    const shouted = await cli('events', file, '--actor', actor.toUpperCase());
    expect(shouted.stdout).toContain(`No actor matches: actor is exactly '${actor.toUpperCase()}' (case-sensitive). Did you mean '${actor}' (${ofActor.toLocaleString('en-US')} events)`);

    // The same ranges, refusals and filters said in 简体中文 (shared/timeRangeWords.ts); instants and typed text as given.
    const zhRange = await cli('events', file, '--from-time', day, '--to-time', day, '--limit', '1', '--lang', 'zh-CN');
    expect(zhRange.stdout.split('\n')[0]).toContain(`${day} 00:00:00 UTC 至 ${next} 00:00:00 UTC（不含）`);
    expect((await cli('events', file, '--to-time', '2026-02-30', '--lang', 'zh-CN')).stderr).toContain('--to-time: 2026-02-30 不是日期：2026年2月只有 28 天。');
    expect((await cli('state', file, '--stream', 'cart-wholesale-001', '--at-time', 'yesterday', '--lang', 'zh-CN')).stderr).toContain('--at-time: “yesterday”不是有效的时间；请填写日期');
    expect((await cli('events', file, '--all', '--from-time', '2026-04-02', '--to-time', '2026-04-01', '--lang', 'zh-CN')).stderr).toContain('时间范围的结束早于开始（2026-04-02 00:00:00 UTC 至');
    const zhActor = await cli('events', file, '--actor', actor.toUpperCase(), '--lang', 'zh-CN');
    expect(zhActor.stdout).toContain(`操作者恰为“${actor.toUpperCase()}”`);
    expect(zhActor.stdout).not.toContain('actor is exactly');

    const out = path.join(dir, 'day.ndjson');
    const exported = await cli('export', file, '--all', '--from-time', day, '--to-time', day, '--format', 'ndjson', '--out', out);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toContain(`Showing ${day} 00:00:00 UTC to ${next} 00:00:00 UTC (exclusive).`);
    expect(fs.readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(onDay);
    const manifest = JSON.parse(fs.readFileSync(`${out}.manifest.json`, 'utf8'));
    expect(manifest.timeRange).toEqual({ from: `${day}T00:00:00.000Z`, to: `${next}T00:00:00.000Z`, toExclusive: true, description: `${day} 00:00:00 UTC to ${next} 00:00:00 UTC (exclusive)` });
    expect(manifest.resolvedQuery).toMatchObject({ fromTime: `${day}T00:00:00.000Z`, toTime: `${day}T23:59:59.999Z` });
    const verified = await cli('verify-export', `${out}.manifest.json`, '--store', file);
    expect(verified.stdout).toContain('Verdict: INTACT');
    expect(verified.code).toBe(0);
  });

  it('state lists the amounts the projection declared, under the JSON kept as stored', async () => {
    const state = JSON.parse((await cli('state', file, '--stream', 'cart-wholesale-001', '--at', '400', '--json')).stdout);
    expect(state.projection.units).toEqual({ total: { scale: 2 }, 'items[].unitPrice': { scale: 2 } });
    const human = (await cli('state', file, '--stream', 'cart-wholesale-001', '--at', '400')).stdout;
    expect(human).toContain(`"total": ${state.state.total}`);
    const cents = String(state.state.total).padStart(3, '0');
    const decimal = `${Number(cents.slice(0, -2)).toLocaleString('en-US')}.${cents.slice(-2)}`;
    expect(human).toContain(`  total: ${decimal} (stored ${state.state.total})`);
    expect(human).toMatch(/^ {2}items\[0\]\.unitPrice: [\d,]+\.\d{2} \(stored \d+\)$/m);
  });

  it('state, diff and blame agree with each other', async () => {
    const state = JSON.parse((await cli('state', file, '--stream', 'cart-wholesale-001', '--at', '400', '--json')).stdout);
    expect(state).toMatchObject({ version: 400, projection: { name: 'shopping-cart' }, warningCount: 0 });
    const diff = JSON.parse((await cli('diff', file, '--stream', 'cart-wholesale-001', '--from', '0', '--to', '400', '--json')).stdout);
    expect(diff.changes.length).toBeGreaterThan(0);
    for (const change of diff.changes) {
      expect(change.event.version).toBeGreaterThan(0);
      expect(change.event.version).toBeLessThanOrEqual(400);
    }
    const blame = JSON.parse((await cli('blame', file, '--stream', 'cart-wholesale-001', '--at', '400', '--json')).stdout);
    const total = blame.entries.find((e: { path: string }) => e.path === '$.total');
    expect(total.value).toBe(state.state.total);
    const human = await cli('diff', file, '--stream', 'cart-wholesale-001', '--from', '100', '--to', '120');
    expect(human.stdout).toMatch(/^cart-wholesale-001: version 100 → 120 \(20 events\)/);
    expect(human.stdout).toMatch(/^[+~-] \$\.\S+/m);
    expect(human.stdout).toMatch(/v\d+ Item\w+ by user:wholesale\.buyer001 at 2026-/);
    // Every change names all the events in range that changed it, in the text and in --json.
    expect(diff.changes.every((c: { history: { event: { version: number } }[] }) => c.history.length > 0 && c.history.every((h) => h.event.version > 0 && h.event.version <= 400))).toBe(true);
    const edited = diff.changes.find((c: { historyCount: number }) => c.historyCount > 1);
    expect(edited).toBeDefined();
    const wide = await cli('diff', file, '--stream', 'cart-wholesale-001', '--from', '0', '--to', '400');
    expect(wide.stdout).toContain(`${edited.path}  `);
    expect(wide.stdout).toMatch(/^ {4}history \(\d+ events\):\n {6}(added|removed|changed) +\S.* → .*v\d+ Item\w+/m);
    const byTime = JSON.parse((await cli('state', file, '--stream', 'cart-wholesale-001', '--at-time', state.recordedAt, '--json')).stdout);
    expect(byTime.version).toBe(400);
  });

  it('exit codes: 2 for usage errors, 1 for file and data failures, clear messages', async () => {
    expect((await cli()).code).toBe(2);
    expect((await cli('frobnicate')).stderr).toMatch(/unknown command 'frobnicate'/);
    const missing = await cli('state', file);
    expect(missing).toMatchObject({ code: 2, stderr: expect.stringMatching(/--stream is required/) });
    expect((await cli('streams', file, '--bogus')).code).toBe(2);
    expect((await cli('diff', file, '--stream', 'cart-000001', '--from', 'x', '--to', '2')).stderr).toMatch(/--from must be a whole number/);
    expect((await cli('state', file, '--stream', 'cart-wholesale-001', '--at', '99999')).code).toBe(2);
    expect((await cli('state', file, '--stream', 'nope-1')).code).toBe(1);

    const notSqlite = path.join(dir, 'notes.txt');
    fs.writeFileSync(notSqlite, 'not a database');
    const bad = spawnCli('stats', notSqlite);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/is not an SQLite database/);
    const truncated = path.join(dir, 'truncated.db');
    fs.writeFileSync(truncated, fs.readFileSync(file).subarray(0, 20_000));
    const cut = spawnCli('streams', truncated, '--json');
    expect(cut.code).toBe(1);
    expect(JSON.parse(cut.stdout)).toMatchObject({ ok: false, error: { code: 'CORRUPT' } });
    expect(cut.stderr).toMatch(/truncated/);
  });

  it('a closed pipe is not an error', () => {
    const result = spawnSync('bash', ['-c', `"${process.execPath}" "${CLI_MAIN}" events "${file}" --all | head -1`], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.stdout.split('\n')[0]).toMatch(/^1\s+\S+\s+1\s/);
  });
});
