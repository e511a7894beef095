// A hashing worker of the parallel chain walk (parallelChain.ts): its own read-only connection to
// the store file; for each position range it is given it reads the rows in one read transaction,
// recomputes every row's hash and checks the row by itself (rowChecks.ts isCleanRow), and answers
// with what the walk needs to follow the links in order without reading the rows again: each row's
// position, type and time (for the type tallies) and its prev_hash and hash as hex, packed into
// typed arrays and one string (cheap to pass between threads), plus the positions of the rows that
// are not clean, which the walk re-reads and checks in full. A damaged page or any other error
// fails the range; the walk then checks that range itself.
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { LINK_CHARS, type RangeAnswer, type RangeRows, type RangeTask } from './chainRange.ts';
import { isCleanRow, WORKER_ROW_COLUMNS, type Row } from './rowChecks.ts';

const PAGE_ROWS = 1000;
const NO_HASH = '-'.repeat(LINK_CHARS / 2);

function checkRange(db: Database.Database, select: Database.Statement, task: RangeTask): RangeRows {
  const flagged: number[] = [];
  const positions: number[] = [];
  const recordedAt: number[] = [];
  const typeCodes: number[] = [];
  const types: string[] = [];
  const codes = new Map<string, number>();
  const links: string[] = [];
  let linked = true;
  let lastHash: string | null = null;
  let lastPosition = 0;
  db.exec('BEGIN');
  try {
    for (let after = task.after; ; ) {
      const page = select.all(after, task.upTo, PAGE_ROWS) as Row[];
      for (const row of page) {
        const clean = isCleanRow(row);
        if (!clean) flagged.push(row[0]);
        positions.push(row[0]);
        // A clean row's type is text and its time an integer (its storage types are the writer's).
        recordedAt.push(clean ? (row[5] as number) : 0);
        const type = clean ? (row[4] as string) : '';
        let code = codes.get(type);
        if (code === undefined) {
          code = types.length;
          codes.set(type, code);
          types.push(type);
        }
        typeCodes.push(code);
        links.push(clean ? (row[8] as string) + (row[10] as string) : NO_HASH + NO_HASH);
        if (!clean || (lastHash !== null && (row[0] !== lastPosition + 1 || row[8] !== lastHash))) linked = false;
        lastHash = row[10] as string;
        lastPosition = row[0];
      }
      if (page.length < PAGE_ROWS) break;
      after = page[page.length - 1][0];
    }
  } finally {
    db.exec('COMMIT');
  }
  return { positions: Float64Array.from(positions), recordedAt: Float64Array.from(recordedAt), typeCodes: Uint32Array.from(typeCodes), types, links: links.join(''), flagged, linked };
}

// Only as the worker parallelChain.ts starts (never when imported elsewhere, e.g. in a test runner's thread).
if (parentPort && (workerData as { chainHashWorker?: boolean } | null)?.chainHashWorker === true) {
  const port = parentPort;
  const db = new Database((workerData as { file: string }).file, { readonly: true, fileMustExist: true });
  db.pragma('query_only = 1');
  const select = db.prepare(`SELECT ${WORKER_ROW_COLUMNS} FROM events WHERE position > ? AND position <= ? ORDER BY position LIMIT ?`).raw(true);
  port.on('message', (task: RangeTask) => {
    let answer: RangeAnswer;
    try {
      const rows = checkRange(db, select, task);
      answer = { id: task.id, ok: true, ...rows };
      port.postMessage(answer, [rows.positions.buffer, rows.recordedAt.buffer, rows.typeCodes.buffer] as ArrayBuffer[]);
      return;
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK');
      answer = { id: task.id, ok: false, message: String((error as Error)?.message ?? error) };
    }
    port.postMessage(answer);
  });
}
