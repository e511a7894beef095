// A hashing worker of the parallel chain walk (parallelChain.ts): its own read-only connection to
// the store file; for each position range it is given, it recomputes every row's hash and checks
// the row by itself (rowChecks.ts isCleanRow), and answers with the positions of the rows that are
// not clean plus a digest of the (position, prev_hash, hash) it saw, so the walk can tell that it
// and the worker read the same rows. A damaged page ends the range with an error; the walk then
// checks that range itself.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import { isCleanRow, ROW_COLUMNS, type Row } from './rowChecks.ts';
import { linkDigest } from './linkDigest.ts';

export interface RangeTask {
  id: number;
  /** Positions in (after, upTo]. */
  after: number;
  upTo: number;
}

export type RangeAnswer = { id: number; ok: true; rows: number; flagged: number[]; digest: string } | { id: number; ok: false; message: string };

const PAGE_ROWS = 1000;

function checkRange(select: Database.Statement, task: RangeTask): RangeAnswer {
  const flagged: number[] = [];
  const digest = linkDigest(createHash('sha256'));
  let rows = 0;
  for (let after = task.after; ; ) {
    const page = select.all(after, task.upTo, PAGE_ROWS) as Row[];
    for (const row of page) {
      if (!isCleanRow(row)) flagged.push(row[0]);
      digest.add(row[0], row[8], row[10]);
    }
    rows += page.length;
    if (page.length < PAGE_ROWS) break;
    after = page[page.length - 1][0];
  }
  return { id: task.id, ok: true, rows, flagged, digest: digest.end() };
}

if (parentPort) {
  const port = parentPort;
  const db = new Database((workerData as { file: string }).file, { readonly: true, fileMustExist: true });
  db.pragma('query_only = 1');
  const select = db.prepare(`SELECT ${ROW_COLUMNS} FROM events WHERE position > ? AND position <= ? ORDER BY position LIMIT ?`).raw(true);
  port.on('message', (task: RangeTask) => {
    let answer: RangeAnswer;
    try {
      answer = checkRange(select, task);
    } catch (error) {
      answer = { id: task.id, ok: false, message: String((error as Error)?.message ?? error) };
    }
    port.postMessage(answer);
  });
}
