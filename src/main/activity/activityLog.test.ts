import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createActivityLog } from './activityLog.ts';
import { activityHash } from './activityChain.ts';

let home: string;
beforeEach(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-activity-'));
});
afterEach(() => {
  vi.restoreAllMocks();
  fs.rmSync(home, { recursive: true, force: true });
});

function logWith(n: number) {
  const log = createActivityLog({ home, user: 'auditor' });
  for (let i = 1; i <= n; i++) log.record({ action: 'search', storeKey: i % 2 ? 'store-a' : 'store-b', details: { q: `query ${i}` } });
  return log;
}
const lines = (log: { file: string }) => fs.readFileSync(log.file, 'utf8').split('\n').filter(Boolean);
const rewrite = (log: { file: string }, all: string[]) => fs.writeFileSync(log.file, all.map((l) => l + '\n').join(''));

describe('activity log', () => {
  it('chains entries from the genesis hash and verifies intact', () => {
    const log = logWith(3);
    const entries = lines(log).map((l) => JSON.parse(l));
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(entries[0].prevHash).toBe('0'.repeat(64));
    expect(entries[1].prevHash).toBe(entries[0].hash);
    expect(entries[2].user).toBe('auditor');
    const verdict = log.verify();
    expect(verdict).toMatchObject({ ok: true, entries: 3, head: entries[2].hash, problems: [] });
  });

  it('records the OS user by default', () => {
    const log = createActivityLog({ home });
    const entry = log.record({ action: 'verify' });
    expect(entry?.user).toBe(os.userInfo().username);
  });

  it('detects an edited entry, with its line', () => {
    const log = logWith(4);
    const all = lines(log);
    all[1] = all[1].replace('query 2', 'query X');
    rewrite(log, all);
    const verdict = log.verify();
    expect(verdict.ok).toBe(false);
    expect(verdict.problems).toEqual([expect.objectContaining({ kind: 'edited', line: 2 })]);
    expect(verdict.problems[0].message).toMatch(/Line 2 .*changed after it was written/);
  });

  it('detects an edited entry whose hash was recomputed, at the next link', () => {
    const log = logWith(4);
    const all = lines(log);
    const forged = JSON.parse(all[1]);
    forged.details.q = 'nothing to see';
    forged.hash = activityHash(forged);
    all[1] = JSON.stringify(forged);
    rewrite(log, all);
    const verdict = log.verify();
    expect(verdict.ok).toBe(false);
    expect(verdict.problems[0]).toMatchObject({ kind: 'inserted', line: 3 });
  });

  it('detects a removed entry in the middle and at the end', () => {
    const log = logWith(5);
    const all = lines(log);
    rewrite(log, [all[0], all[1], all[3], all[4]]);
    expect(log.verify().problems).toEqual([expect.objectContaining({ kind: 'removed', line: 3, message: expect.stringMatching(/#3 before line 3 is missing/) })]);
    rewrite(log, all.slice(0, 3));
    expect(log.verify().problems).toEqual([expect.objectContaining({ kind: 'removed', message: expect.stringMatching(/#4–#5 at the end are missing/) })]);
    fs.rmSync(log.file);
    expect(log.verify().ok).toBe(false);
  });

  it('detects reordered and inserted entries', () => {
    const log = logWith(4);
    const all = lines(log);
    rewrite(log, [all[0], all[2], all[1], all[3]]);
    const reordered = log.verify();
    expect(reordered.ok).toBe(false);
    expect(reordered.problems[0]).toMatchObject({ kind: 'reordered', line: 2 });
    rewrite(log, [all[0], all[1], all[1], all[2], all[3]]);
    expect(log.verify().problems[0]).toMatchObject({ kind: 'inserted', message: expect.stringMatching(/#2 appears 2 times \(lines 2, 3\)/) });
  });

  it('reports a last line cut off, and appends after it on a line of its own', () => {
    const log = logWith(2);
    const text = fs.readFileSync(log.file, 'utf8');
    fs.writeFileSync(log.file, text + '{"seq":3,"at":"2026-');
    const cut = log.verify();
    expect(cut.problems).toEqual([expect.objectContaining({ kind: 'truncated', line: 3 })]);
    const next = log.record({ action: 'verify' });
    expect(next?.seq).toBe(3);
    const after = log.verify();
    expect(after.problems).toEqual([expect.objectContaining({ kind: 'broken', line: 3 })]);
    expect(after.entries).toBe(3);
  });

  it('lists newest first, filtered by store', () => {
    const log = logWith(5);
    const listing = log.list({ storeKey: 'store-b' });
    expect(listing.entries.map((e) => e.seq)).toEqual([4, 2]);
    expect(log.list({ limit: 2 }).entries.map((e) => e.seq)).toEqual([5, 4]);
    expect(log.excerpt('store-a').map((e) => e.seq)).toEqual([1, 3, 5]);
  });

  it('never throws when the log cannot be written: returns null and warns once', () => {
    const notAFolder = path.join(home, 'file');
    fs.writeFileSync(notAFolder, 'x');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const log = createActivityLog({ home: notAFolder });
    const told: string[] = [];
    log.onProblem((m) => told.push(m));
    expect(log.record({ action: 'search' })).toBeNull();
    expect(log.record({ action: 'search' })).toBeNull();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(told).toHaveLength(1);
    expect(log.problem()).toMatch(/could not be written/);
  });

  it('takes over a lock left by a process that died', () => {
    const log = logWith(1);
    fs.writeFileSync(`${log.file}.lock`, JSON.stringify({ pid: 2 ** 22 + 12345, host: os.hostname(), at: Date.now() }));
    expect(log.record({ action: 'verify' })?.seq).toBe(2);
    expect(fs.existsSync(`${log.file}.lock`)).toBe(false);
  });

  it('takes over a lock far older than any append, even from a live process', () => {
    const log = logWith(1);
    const lock = `${log.file}.lock`;
    fs.writeFileSync(lock, JSON.stringify({ pid: process.ppid, host: os.hostname(), at: 0 }));
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(lock, old, old);
    expect(log.record({ action: 'verify' })?.seq).toBe(2);
    expect(log.verify().ok).toBe(true);
  });

  it('gives up on a live lock held too long, without throwing', () => {
    const log = createActivityLog({ home, lockTimeoutMs: 100 });
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    fs.writeFileSync(`${log.file}.lock`, JSON.stringify({ pid: process.ppid, host: os.hostname(), at: Date.now() }));
    expect(log.record({ action: 'verify' })).toBeNull();
    expect(log.problem()).toMatch(/held by another process/);
  });

  it('keeps one valid chain when two processes append at once', async () => {
    const script = path.join(import.meta.dirname, 'appendMany.fixture.ts');
    const run = (tag: string) =>
      new Promise<number | null>((resolve) => spawn(process.execPath, [script, home, '60', tag], { stdio: 'inherit' }).once('exit', resolve));
    const codes = await Promise.all([run('cli'), run('app')]);
    expect(codes).toEqual([0, 0]);
    const log = createActivityLog({ home });
    const verdict = log.verify();
    expect(verdict.problems).toEqual([]);
    expect(verdict.entries).toBe(120);
    const qs = log.list().entries.map((e) => e.details.q);
    expect(new Set(qs).size).toBe(120);
  });
});
