// ledger log and ledger notes, and what search / verify / export leave in the activity log.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ActivityEntry } from '../shared/evidence.ts';
import { fileFingerprint, tempDir } from '../main/testing/tempFiles.ts';
import { cli, spawnCli } from './testing.ts';

const dir = tempDir('cli-activity');
const file = path.join(dir, 'demo.db');
const other = path.join(dir, 'other.db');
let head: string;
let home: string;
let homes = 0;

beforeAll(async () => {
  expect((await cli('demo', '--out', file, '--streams', '8', '--events', '120', '--long-streams', '0', '--seed', 'activity')).code).toBe(0);
  expect((await cli('demo', '--out', other, '--streams', '3', '--events', '20', '--long-streams', '0', '--seed', 'other')).code).toBe(0);
  head = JSON.parse((await cli('stats', file, '--json')).stdout).stats.chainHead;
});
beforeEach(() => {
  home = path.join(dir, `home-${++homes}`);
  process.env.LEDGER_HOME = home;
});

const entries = async (...args: string[]): Promise<ActivityEntry[]> => JSON.parse((await cli('log', '--json', ...args)).stdout).entries;

describe('ledger log', () => {
  it('records searches, verifications and exports with the store, its chain head and the user', async () => {
    const before = fileFingerprint(file);
    expect((await cli('search', file, 'type:ItemAdded')).code).toBe(0);
    expect((await cli('verify', file)).code).toBe(0);
    expect((await cli('export', file, '--all', '--format', 'ndjson', '--out', path.join(dir, 'all.ndjson'))).code).toBe(0);
    await cli('search', other, 'anything');
    const all = await entries();
    expect(all.map((e) => e.action)).toEqual(['search', 'export', 'verify', 'search']);
    const [, exported, verified, searched] = all;
    expect(searched).toMatchObject({ storeLabel: expect.stringContaining('demo.db'), chainHead: head, details: { via: 'cli', args: [file, 'type:ItemAdded'], exitCode: 0 } });
    expect(verified.storeKey).toBe(searched.storeKey);
    expect(verified.chainHead).toBe(head);
    expect(exported.details.args).toContain(path.join(dir, 'all.ndjson'));
    expect(typeof searched.user).toBe('string');
    // Only this store's entries with --store.
    expect((await entries('--store', file)).map((e) => e.seq)).toEqual([3, 2, 1]);
    const human = await cli('log');
    expect(human.stdout).toMatch(/#\s+TIME\s+USER\s+ACTION/);
    expect(human.stdout).toContain('type:ItemAdded');
    // The audited store is never written.
    expect(fileFingerprint(file)).toEqual(before);
    expect(fs.existsSync(path.join(home, 'activity.jsonl'))).toBe(true);
  });

  it('--verify exits 0 on an intact log and 1 with the line and the reason on an edited one', async () => {
    await cli('search', file, 'cart');
    await cli('search', file, 'order');
    const ok = await cli('log', '--verify');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/intact: 2 entries/);
    const log = path.join(home, 'activity.jsonl');
    fs.writeFileSync(log, fs.readFileSync(log, 'utf8').replace('"cart"', '"carts"'));
    const bad = await cli('log', '--verify');
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/line 1\s+edited\s+Line 1 \(entry #1, search/);
    expect(bad.stderr).toMatch(/does not verify: Line 1/);
    const asJson = JSON.parse((await cli('log', '--verify', '--json')).stdout);
    expect(asJson).toMatchObject({ ok: false, problems: [{ kind: 'edited', line: 1, facts: { case: 'edited', seq: 1, action: 'search' } }] });
    // The reader's language says the same facts; --json keeps its English sentences in every language.
    const zh = await cli('log', '--verify', '--lang', 'zh-CN');
    expect(zh.code).toBe(1);
    expect(zh.stdout).toMatch(/^活动日志已被改动：1 个问题，第一个在第 1 行。/);
    expect(zh.stdout).toMatch(/第 1 行（记录 #1，.* 的 search）在写入后被修改/);
    expect(zh.stderr).toMatch(/第 1 行（记录 #1/);
    expect(zh.stdout).not.toMatch(/was changed|altered/);
    expect(JSON.parse((await cli('log', '--verify', '--json', '--lang', 'zh-CN')).stdout)).toEqual(asJson);
  });

  it('a log that cannot be written warns and leaves the command its outcome', async () => {
    const blocked = path.join(dir, `not-a-folder-${homes}`);
    fs.writeFileSync(blocked, 'x');
    process.env.LEDGER_HOME = blocked;
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const run = await cli('search', file, 'cart');
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/match/);
      expect(run.stderr).toMatch(/warning: the activity log could not be written; this search is not recorded/);
    } finally {
      warn.mockRestore();
    }
  });

  it('does not record a refused command line', async () => {
    expect((await cli('search', file)).code).toBe(2);
    expect(await entries()).toEqual([]);
  });

  it('the real binary writes under LEDGER_HOME too, and exits 1 on a removed entry', () => {
    expect(spawnCli('search', file, 'cart').code).toBe(0);
    expect(spawnCli('search', file, 'order').code).toBe(0);
    expect(spawnCli('search', file, 'pay').code).toBe(0);
    const log = path.join(home, 'activity.jsonl');
    const lines = fs.readFileSync(log, 'utf8').split('\n');
    fs.writeFileSync(log, [lines[0], lines[2], ''].join('\n'));
    const run = spawnCli('log', '--verify');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/removed/);
  });
});

describe('ledger notes', () => {
  it('adds notes on an event and a state, lists, edits, removes and exports them, and logs each', async () => {
    const first = JSON.parse((await cli('events', file, '--json', '--limit', '1')).stdout);
    const event = (first.items ?? first)[0];
    const added = await cli('notes', file, 'add', '--event', event.eventId, '--text', 'refund issued twice here');
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/Added note [0-9a-f]{8} on event/);
    const byPosition = await cli('notes', file, 'add', '--event', String(event.position), '--text', 'by position', '--json');
    expect(JSON.parse(byPosition.stdout).target).toMatchObject({ kind: 'event', eventId: event.eventId, position: event.position });
    const state = JSON.parse((await cli('notes', file, 'add', '--stream', event.streamId, '--version', '1', '--text', 'state looks off', '--json')).stdout);
    expect(state.target).toEqual({ kind: 'state', streamId: event.streamId, version: 1 });
    expect((await cli('notes', file, 'add', '--stream', event.streamId, '--version', '9999', '--text', 'x')).code).toBe(2);
    const listed = JSON.parse((await cli('notes', file, '--json')).stdout);
    expect(listed.notes.map((n: { text: string }) => n.text)).toEqual(['refund issued twice here', 'by position', 'state looks off']);
    expect((await cli('notes', file, 'list')).stdout).toMatch(/NOTE\s+ON\s+AUTHOR/);
    expect((await cli('notes', file, 'edit', state.id.slice(0, 8), '--text', 'state is off from v1')).code).toBe(0);
    expect((await cli('notes', file, 'remove', state.id.slice(0, 8))).code).toBe(0);
    const out = path.join(dir, 'notes.json');
    expect((await cli('notes', file, 'export', '--out', out)).code).toBe(0);
    expect(JSON.parse(fs.readFileSync(out, 'utf8')).notes).toHaveLength(2);
    // Another store sees none of them.
    expect(JSON.parse((await cli('notes', other, '--json')).stdout).notes).toEqual([]);
    const logged = await entries();
    expect(logged.map((e) => e.action)).toEqual(['note.removed', 'note.edited', 'note.added', 'note.added', 'note.added']);
    expect(logged[0]).toMatchObject({ chainHead: head, details: { noteId: state.id } });
  });

  it('reports a damaged notes file (exit 1) and leaves it as it is', async () => {
    const event = JSON.parse((await cli('events', file, '--json', '--limit', '1')).stdout);
    await cli('notes', file, 'add', '--event', String((event.items ?? event)[0].position), '--text', 'kept');
    const notesDir = path.join(home, 'notes');
    const [name] = fs.readdirSync(notesDir).filter((f) => f.endsWith('.json'));
    fs.writeFileSync(path.join(notesDir, name), '{ not json');
    const run = await cli('notes', file);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/damaged.*kept as it is/);
    expect((await cli('notes', file, 'add', '--event', '1', '--text', 'more')).code).toBe(1);
    expect(fs.readFileSync(path.join(notesDir, name), 'utf8')).toBe('{ not json');
  });
});
