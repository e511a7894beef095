// The index-vs-table pass runs on a worker thread (offThreadChecks.ts, checkWorker.ts): the main
// thread runs none of its SQL, and the report is the in-thread pass's, finding for finding, on
// tampered indexes too (one edit, many edits past the finding cap, a partial index).
import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { VerifyReport } from '../../shared/verify.ts';
import { openStore } from '../store/openStore.ts';
import { sqliteHandleOf } from '../store/sqliteHandle.ts';
import { editIndexOnly } from '../testing/tamper.ts';
import { tempDir } from '../testing/tempFiles.ts';
import { createFindingSink, MAX_FINDINGS } from './findings.ts';
import { startCheck } from './offThreadChecks.ts';
import { checkTypeHoursForTest } from './typeHourChecks.ts';
import { verify } from './verify.ts';
import { createPause } from './walkContext.ts';

const T0 = Date.parse('2026-02-01T09:00:00Z');

function writeStore(file: string, events: number): void {
  const store = openStore(file, { readonly: false, create: true });
  const batch = [];
  for (let i = 0; i < events; i++) {
    batch.push({
      stream: `account-${i % 3}`,
      type: i % 4 === 0 ? 'FundsWithdrawn' : 'FundsDeposited',
      data: { amount: 100 + i, note: `payment ${i}` },
      metadata: { actor: `user-${i % 5}`, correlationId: `corr-${i}` },
      recordedAt: T0 + i * 60_000,
    });
  }
  for (const e of batch) store.append(e.stream, [{ type: e.type, data: e.data, metadata: e.metadata, recordedAt: e.recordedAt }]);
  store.close();
}

/** Every row's actor changed in the events_by_actor index only (the table rows, and so the chain, intact). */
function editEveryActorInIndex(file: string): void {
  const db = new Database(file, { fileMustExist: true });
  const original = db.prepare('SELECT position, actor FROM events').raw(true).all() as [number, string][];
  const schema = db.prepare("SELECT type, name, tbl_name, rootpage, sql FROM sqlite_schema WHERE type = 'index' AND name = 'events_by_actor'").get();
  db.prepare("UPDATE events SET actor = 'mallory-' || position").run();
  db.close();
  const hidden = new Database(file, { fileMustExist: true });
  hidden.unsafeMode(true);
  hidden.pragma('writable_schema = ON');
  hidden.prepare("DELETE FROM sqlite_schema WHERE type = 'index' AND name = 'events_by_actor'").run();
  hidden.close();
  const restore = new Database(file, { fileMustExist: true });
  const put = restore.prepare('UPDATE events SET actor = ? WHERE position = ?');
  restore.transaction(() => original.forEach(([position, actor]) => put.run(actor, position)))();
  restore.close();
  const shown = new Database(file, { fileMustExist: true });
  shown.unsafeMode(true);
  shown.pragma('writable_schema = ON');
  shown.prepare('INSERT INTO sqlite_schema (type, name, tbl_name, rootpage, sql) VALUES (@type, @name, @tbl_name, @rootpage, @sql)').run(schema);
  shown.close();
}

const comparable = (report: VerifyReport) => {
  const { durationMs: _d, startedAt: _s, ...rest } = report;
  return rest;
};

async function bothThreads(file: string): Promise<VerifyReport> {
  const threads: string[] = [];
  const onMain = await verify(file, { checkWorker: false, onIndexCheck: (t) => threads.push(t) });
  const offMain = await verify(file, { onIndexCheck: (t) => threads.push(t) });
  expect(threads).toEqual(['main', 'worker']);
  expect(comparable(offMain)).toEqual(comparable(onMain));
  return offMain;
}

describe('verify: the index-vs-table pass off the main thread', () => {
  const dir = tempDir('verify-offthread');

  it('runs none of its SQL on the verifying connection (it did before)', async () => {
    const file = path.join(dir, 'clean.db');
    writeStore(file, 40);
    const indexSql = async (checkWorker: boolean) => {
      const store = openStore(file);
      const db = sqliteHandleOf(store) as Database.Database;
      const seen: string[] = [];
      const prepare = db.prepare.bind(db);
      db.prepare = ((sql: string) => (seen.push(sql), prepare(sql))) as typeof db.prepare;
      try {
        const report = await verify(store, { checkWorker });
        expect(report.ok).toBe(true);
      } finally {
        store.close();
      }
      return seen.filter((sql) => /INDEXED BY|pragma_index_list/i.test(sql));
    };
    expect(await indexSql(false)).not.toEqual([]);
    expect(await indexSql(true)).toEqual([]);
  });

  it('reports an index edited behind SQLite exactly as the in-thread pass does', async () => {
    const file = path.join(dir, 'replay.db');
    writeStore(file, 30);
    editIndexOnly(file, 'events_by_stream_replay', 14, 'data', '{"amount":99,"note":"payment 13"}');
    const report = await bothThreads(file);
    expect(report.findings).toEqual([
      expect.objectContaining({ kind: 'index-divergence', check: 'index', position: 14, details: { index: 'events_by_stream_replay', column: 'data' } }),
    ]);
    expect(report.findingCounts['corrupt-page']).toBe(0); // the divergent index's integrity_check lines are not disk damage
  });

  it('keeps the same findings, counts and truncation when a partial index diverges at more rows than findings are kept', async () => {
    const file = path.join(dir, 'many.db');
    writeStore(file, MAX_FINDINGS + 200);
    editEveryActorInIndex(file);
    const report = await bothThreads(file);
    expect(report.truncated).toBe(true);
    expect(report.findings).toHaveLength(MAX_FINDINGS);
    expect(report.findingCounts['index-divergence']).toBeGreaterThanOrEqual(MAX_FINDINGS + 200);
    expect(report.findings[0]).toMatchObject({ kind: 'index-divergence', position: 1, details: { index: 'events_by_actor', column: 'actor' } });
  });

  it('a cancel while the worker runs ends the verification as CANCELLED', async () => {
    const file = path.join(dir, 'cancel.db');
    writeStore(file, 40);
    const controller = new AbortController();
    const run = verify(file, { signal: controller.signal, onIndexCheck: () => controller.abort() });
    await expect(run).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it("runs a hostile store's type-hours comparison in SQL on the worker, with the in-thread SQL's findings", async () => {
    const file = path.join(dir, 'hours.db');
    writeStore(file, 60);
    const tamper = new Database(file, { fileMustExist: true });
    tamper.prepare('UPDATE event_type_hours SET event_count = 99 WHERE (type, hour) = (SELECT type, hour FROM event_type_hours ORDER BY type, hour LIMIT 1)').run();
    tamper.prepare("INSERT INTO event_type_hours (type, hour, event_count) VALUES ('Refunded', 500000, 3)").run();
    tamper.close();
    const db = new Database(file, { readonly: true });
    try {
      const sink = createFindingSink();
      const run = startCheck(db, 'type-hours');
      expect(run.thread).toBe('worker');
      await run.finish({ db, sink, tick: () => {}, pause: createPause(undefined) });
      const inThread = await checkTypeHoursForTest(file);
      expect(inThread).toHaveLength(2);
      expect(sink.list).toEqual(inThread);
    } finally {
      db.close();
    }
  });
});
