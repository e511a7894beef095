import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { VerifyFinding, VerifyProgress } from '../../shared/verify.ts';
import { createJobRegistry } from '../jobs/jobRegistry.ts';
import { openStore } from '../store/openStore.ts';
import { TAMPER_CASES, deleteEvent, editIndexOnly, moveEvent, replaceEventAndPatchNext, rewriteChainFrom, swapEvents } from '../testing/tamper.ts';
import { fileFingerprint, tempDir } from '../testing/tempFiles.ts';
import { describeReport } from '../../cli/commands/verify.ts';
import { CHAIN_WINDOW } from './chainClassifier.ts';
import { verify } from './verify.ts';
import { startVerifyJob } from './verifyJob.ts';

const T0 = Date.parse('2026-02-01T09:00:00Z');

/** 30 events over 3 streams, interleaved, with actors and correlation ids. */
function writeStore(file: string, events = 30): string {
  const store = openStore(file, { readonly: false, create: true });
  for (let i = 0; i < events; i++) {
    const stream = `account-${i % 3}`;
    store.append(stream, [
      {
        type: i % 4 === 0 ? 'FundsWithdrawn' : 'FundsDeposited',
        data: { amount: 100 + i, note: i === 14 ? `payment \uFFFD ${i}` : `payment ${i}` }, // U+FFFD at position 15: the tamper matrix's byte cases
        metadata: { actor: `user-${i % 5}`, correlationId: `corr-${i}`, ...(i > 0 ? { causationId: `corr-${i - 1}` } : {}) },
        recordedAt: T0 + i * 60_000,
      },
    ]);
  }
  const head = store.stats().chainHead as string;
  store.close();
  return head;
}

/** Findings that classify history (not the summaries left inconsistent by the same act). */
const chainFindings = (findings: VerifyFinding[]) =>
  findings.filter((f) => f.kind !== 'summary-mismatch' && (f.check === 'chain' || f.check === 'ledger-head' || f.check === 'expected-head'));

describe('verify: a clean store', () => {
  const dir = tempDir('verify-clean');
  const file = path.join(dir, 'clean.db');
  let head: string;
  beforeAll(async () => {
    head = writeStore(file);
  });

  it('reports no finding, the chain head, every event and stream checked, and writes nothing', async () => {
    const before = fileFingerprint(file);
    const progress: VerifyProgress[] = [];
    const report = await verify(file, { onProgress: (p) => progress.push(p), expectHead: head });
    expect(report.findings).toEqual([]);
    expect(report).toMatchObject({ ok: true, eventsChecked: 30, streamsChecked: 3, lastGoodPosition: 30, chainHead: head, truncated: false });
    expect(report.recordedHead).toMatchObject({ lastPosition: 30, headHash: head, eventCount: 30, streamCount: 3 });
    expect(report.expectedHead).toMatchObject({ foundAt: 30, appendedSince: 0 });
    expect(report.integrity).toEqual({ ran: true, ok: true, messages: [] });
    expect(progress.at(-1)).toMatchObject({ phase: 'done' });
    expect(progress.at(-1)?.done).toBe(progress.at(-1)?.total);
    expect(fileFingerprint(file)).toEqual(before);
  });

  it('accepts an earlier head of a store that grew since (legitimate appends)', async () => {
    const grown = path.join(dir, 'grown.db');
    fs.copyFileSync(file, grown);
    const store = openStore(grown, { readonly: false });
    store.append('account-9', [{ type: 'FundsDeposited', data: { amount: 1 }, recordedAt: T0 + 99 * 60_000 }]);
    store.close();
    const report = await verify(grown, { expectHead: { hash: head, position: 30 } });
    expect(report.ok).toBe(true);
    expect(report.expectedHead).toMatchObject({ foundAt: 30, appendedSince: 1 });
  });

  it('verifies an open store and refuses a malformed expected head', async () => {
    const store = openStore(file);
    try {
      expect((await verify(store, { integrityCheck: 'inline' })).ok).toBe(true);
      await expect(verify(store, { expectHead: 'abc' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    } finally {
      store.close();
    }
  });

  it('yields to the event loop between pages, so timers and IPC keep running during a long walk', async () => {
    const big = path.join(dir, 'big.db');
    writeStore(big, 5000);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    try {
      const report = await verify(big, { integrityCheck: 'skip' });
      expect(report.ok).toBe(true);
    } finally {
      clearInterval(timer);
    }
    expect(ticks).toBeGreaterThanOrEqual(5); // at least one per 1000-event page
  });

  it('runs as a job with progress and a report as its result, and cancels', async () => {
    const jobs = createJobRegistry();
    const store = openStore(file);
    try {
      const job = startVerifyJob(jobs, store);
      // The facts beside the English, for screens to say in their language: the store, and each step's code.
      expect(job.subject).toEqual({ case: 'verify', path: store.info.path });
      const phases = new Set<string>();
      const stop = jobs.subscribe((update) => {
        if (update.id === job.id && update.phase) phases.add(update.phase);
      });
      const done = await jobs.wait(job.id);
      stop();
      expect(done).toMatchObject({ kind: 'verify', status: 'succeeded', phase: 'done', message: 'done' });
      expect(phases.has('chain')).toBe(true);
      expect(jobs.result<{ ok: boolean }>(job.id)?.ok).toBe(true);
      const cancelled = startVerifyJob(jobs, store);
      jobs.cancel(cancelled.id);
      expect((await jobs.wait(cancelled.id)).status).toBe('cancelled');
    } finally {
      store.close();
    }
  });
});

describe('verify: the tamper matrix', () => {
  const dir = tempDir('verify-tamper');
  const clean = path.join(dir, 'clean.db');
  let head: string;
  beforeAll(async () => {
    head = writeStore(clean);
  });

  for (const tamper of TAMPER_CASES) {
    it(`detects and classifies: ${tamper.name}`, async () => {
      const file = path.join(dir, `${tamper.name.replace(/\W+/g, '-')}.db`);
      fs.copyFileSync(clean, file);
      tamper.apply(file);
      const last = new Database(file, { readonly: true }).prepare('SELECT max(position) FROM events').pluck().get() as number;
      const expected = { ...tamper.expect, position: tamper.expect.position === 'last' ? last + 1 : tamper.expect.position };

      const internal = await verify(file);
      if (tamper.needsExpectedHead) {
        // Consistent again: nothing inside the file can tell.
        expect(internal.findings).toEqual([]);
        const withHead = await verify(file, { expectHead: head });
        expect(withHead.ok).toBe(false);
        expect(withHead.findings).toEqual([expect.objectContaining(expected)]);
        const atPosition = await verify(file, { expectHead: { hash: head, position: 30 } });
        expect(atPosition.findings).toEqual([expect.objectContaining({ kind: 'rewritten', position: 30 })]);
        return;
      }
      expect(internal.ok).toBe(false);
      expect(internal.findings).toContainEqual(expect.objectContaining(expected));
      // Exactly one finding from the chain evidence: the classification, not a cascade.
      const primary = chainFindings(internal.findings);
      if (expected.check === 'chain' || expected.check === 'ledger-head') expect(primary).toHaveLength(1);
      else expect(primary).toEqual([]);
      expect(internal.integrity.ok).toBe(true);
      if (expected.position !== null && expected.position !== undefined && expected.kind !== 'summary-mismatch') {
        expect(internal.lastGoodPosition).toBe(tamper.lastGood ?? expected.position - 1);
      }
    });
  }

  it('names the stream and version of a deleted event, and the summaries it left wrong', async () => {
    const file = path.join(dir, 'deleted-detail.db');
    fs.copyFileSync(clean, file);
    deleteEvent(file, 12); // the 12th event: account-2, version 4
    const report = await verify(file);
    expect(report.findings).toContainEqual(expect.objectContaining({ kind: 'deleted', position: 12, streamId: 'account-2', version: 4 }));
    const summaries = report.findings.filter((f) => f.kind === 'summary-mismatch').map((f) => f.check);
    expect(summaries.sort()).toEqual(['event-types', 'ledger-head', 'streams-summary', 'type-hours']);
  });

  it('folds the renumbering behind a forged insertion into the one finding', async () => {
    const file = path.join(dir, 'forged-detail.db');
    fs.copyFileSync(clean, file);
    TAMPER_CASES.find((c) => c.name.startsWith('insert a forged'))!.apply(file);
    const report = await verify(file);
    const inserted = report.findings.find((f) => f.kind === 'inserted')!;
    expect(inserted.details).toMatchObject({ renumberedFrom: 13, renumbered: 19, shift: 1 });
    expect(report.findings.filter((f) => f.kind === 'reordered')).toEqual([]);
  });

  it('classifies a swap of two events of one stream three positions apart as reordering, not edits', async () => {
    const file = path.join(dir, 'swap-same-stream.db');
    fs.copyFileSync(clean, file);
    swapEvents(file, 10, 13); // both account-0 (positions 10 and 13 are 3 apart)
    const report = await verify(file);
    const reorders = report.findings.filter((f) => f.kind === 'reordered');
    expect(reorders.length).toBeGreaterThan(0);
    expect(report.findings.filter((f) => f.kind === 'edited' || f.kind === 'deleted' || f.kind === 'inserted')).toEqual([]);
  });

  it('reports an event moved farther than the classifier window as one move, not a deletion and insertions', async () => {
    const file = path.join(dir, 'far-move.db');
    writeStore(file, CHAIN_WINDOW + 200);
    const to = CHAIN_WINDOW + 201;
    moveEvent(file, 5, to);
    const report = await verify(file, { integrityCheck: 'skip' });
    expect(chainFindings(report.findings)).toEqual([
      expect.objectContaining({ kind: 'reordered', check: 'chain', position: 5, expected: 5, actual: to, details: { movedFrom: 5, movedTo: to } }),
    ]);
    expect(report.findingCounts).toMatchObject({ deleted: 0, inserted: 0, edited: 0 });
    expect(report.lastGoodPosition).toBe(4);
  });

  it("names both ends of a patched link as suspects, not the one after it alone", async () => {
    const file = path.join(dir, 'patched-link.db');
    fs.copyFileSync(clean, file);
    replaceEventAndPatchNext(file, 12);
    const report = await verify(file);
    const edited = report.findings.filter((f) => f.kind === 'edited');
    expect(edited).toEqual([expect.objectContaining({ position: 13, details: expect.objectContaining({ suspects: '12,13' }) })]);
    expect(edited[0].message).toMatch(/position 12 was replaced/);
    expect(report.lastGoodPosition).toBe(11);
  });

  it('the rewritten chain is caught by the head recorded before, however it is given', async () => {
    const file = path.join(dir, 'rewritten.db');
    fs.copyFileSync(clean, file);
    const newHead = rewriteChainFrom(file, 20);
    expect(newHead).not.toBe(head);
    const report = await verify(file, { expectHead: head.toUpperCase() });
    expect(report.findings).toEqual([expect.objectContaining({ kind: 'rewritten', expected: head })]);
    expect(report.expectedHead).toMatchObject({ foundAt: null, appendedSince: null });
  });
});

describe('verify: an index edited behind SQLite (index vs table)', () => {
  const dir = tempDir('verify-index');

  it('classifies a covering index that returns other data than the table as index tampering, naming index, position and column, not corrupt-page', async () => {
    const file = path.join(dir, 'index.db');
    writeStore(file);
    editIndexOnly(file, 'events_by_stream_replay', 14, 'data', '{"amount":99,"note":"payment 13"}');
    const db = new Database(file, { readonly: true });
    const fromIndex = db.prepare("SELECT data FROM events INDEXED BY events_by_stream_replay WHERE stream_id = 'account-1' AND version = 5").pluck().get();
    const fromTable = db.prepare('SELECT data FROM events NOT INDEXED WHERE position = 14').pluck().get();
    db.close();
    expect([fromIndex, fromTable]).toEqual(['{"amount":99,"note":"payment 13"}', '{"amount":113,"note":"payment 13"}']); // the tamper took

    const report = await verify(file);
    expect(report.ok).toBe(false);
    expect(report.findings).toEqual([
      expect.objectContaining({ kind: 'index-divergence', check: 'index', position: 14, details: { index: 'events_by_stream_replay', column: 'data' } }),
    ]);
    expect(report.findings[0].message).toMatch(/amount\\":99.*amount\\":113/);
    expect(report.integrity.ok).toBe(false); // SQLite notices too, but its message is not reported as disk damage
    expect(report.findingCounts['corrupt-page']).toBe(0);
  });

  it('checks every index of the events table, partial ones included', async () => {
    const file = path.join(dir, 'actor.db');
    writeStore(file);
    editIndexOnly(file, 'events_by_actor', 6, 'actor', 'mallory');
    const report = await verify(file);
    expect(report.findings).toContainEqual(expect.objectContaining({ kind: 'index-divergence', position: 6, details: { index: 'events_by_actor', column: 'actor' } }));
    expect(report.findingCounts['corrupt-page']).toBe(0);
  });
});

describe('verify: damaged files', () => {
  const dir = tempDir('verify-damaged');

  it('reports a corrupt page of the events table as corrupt-page, never a crash', async () => {
    const file = path.join(dir, 'big.db');
    writeStore(file, 600);
    const db = new Database(file, { readonly: true });
    const page = db.prepare("SELECT pageno FROM dbstat WHERE name = 'events' AND pagetype = 'leaf' ORDER BY pageno LIMIT 1 OFFSET 3").pluck().get() as number;
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    db.close();
    const bytes = fs.readFileSync(file);
    bytes.fill(0x5a, (page - 1) * pageSize + 8, page * pageSize - 16);
    fs.writeFileSync(file, bytes);
    const before = fileFingerprint(file);
    const report = await verify(file);
    expect(report.ok).toBe(false);
    expect(report.findings.some((f) => f.kind === 'corrupt-page')).toBe(true);
    expect(report.integrity.ok).toBe(false);
    expect(fileFingerprint(file)).toEqual(before);
  });

  it('a zeroed page part-way keeps the events read before it, and says where and why it stopped', async () => {
    const file = path.join(dir, 'zeroed.db');
    writeStore(file, 600);
    const db = new Database(file, { readonly: true });
    // The third leaf page of events: rows before it read fine, and the walk's first 1000-row page spans it.
    const page = db.prepare("SELECT pageno FROM dbstat WHERE name = 'events' AND pagetype = 'leaf' ORDER BY pageno LIMIT 1 OFFSET 2").pluck().get() as number;
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    db.close();
    const bytes = fs.readFileSync(file);
    bytes.fill(0, (page - 1) * pageSize, page * pageSize);
    fs.writeFileSync(file, bytes);
    const report = await verify(file, { integrityCheck: 'skip' });
    expect(report.ok).toBe(false);
    expect(report.eventsChecked).toBeGreaterThan(0);
    expect(report.chainHead).not.toBeNull();
    expect(report.lastPosition).toBe(report.eventsChecked);
    expect(report.lastGoodPosition).toBe(report.lastPosition);
    expect(report.findings).toContainEqual(
      expect.objectContaining({ kind: 'corrupt-page', position: report.eventsChecked + 1, message: expect.stringContaining(`after position ${report.eventsChecked}`) }),
    );
    expect(describeReport(report)).not.toContain('empty store');
  });

  it('refuses a store with no chain, and a file that is not a store, with typed errors', async () => {
    const text = path.join(dir, 'notes.txt');
    fs.writeFileSync(text, 'not a database');
    await expect(verify(text)).rejects.toMatchObject({ code: 'NOT_SQLITE' });
    await expect(verify(path.join(dir, 'missing.db'))).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
  });
});
