// The worker that runs verify's index-vs-table pass (indexChecks.ts), and on a hostile store the
// type-hours comparison in SQL (typeHourChecks.ts), off the main thread, on its
// own read-only connection inside one read transaction of its own. On a 10M-event store that pass
// is seconds of synchronous SQL (a chunk of 5,000 index seeks took 135–500 ms, each count(*) over
// an index a whole scan), which held every answer to the UI while it ran. The worker runs the very
// same code as the in-thread pass and hands back its findings in the order it found them (the first
// MAX_FINDINGS in full, the rest counted), the indexes it found divergent, and the damaged-page
// error that stopped it, if one did; offThreadChecks.ts replays them into the verification's sink.
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import type { VerifyFinding, VerifyFindingKind } from '../../shared/verify.ts';
import { MAX_FINDINGS, type FindingSink } from './findings.ts';
import { checkIndexes } from './indexChecks.ts';
import { checkTypeHoursBySql } from './typeHourChecks.ts';
import { isCorruption, type WalkContext } from './walkContext.ts';

export interface CheckTask {
  /** indexChecks.ts checkIndexes, or typeHourChecks.ts checkTypeHoursBySql (a hostile store's one GROUP BY over every event). */
  check: 'indexes' | 'type-hours';
}

export type CheckAnswer =
  | {
      ok: true;
      /** In the order the pass found them, at most MAX_FINDINGS. */
      findings: VerifyFinding[];
      /** Findings found after those, counted by kind only. */
      unkept: [VerifyFindingKind, number][];
      divergent: string[];
      /** A damaged page that stopped the pass (the in-thread pass would have thrown it). */
      failure: { code: string | null; message: string } | null;
    }
  | { ok: false; message: string };

/** A sink that keeps what the worker finds for the main thread (only add() is used by the pass). */
function collectingSink(kept: VerifyFinding[], overflow: Map<VerifyFindingKind, number>): FindingSink {
  const unused = () => {
    throw new Error('not available in the check worker');
  };
  return {
    list: kept,
    counts: {} as FindingSink['counts'],
    truncated: false,
    add(finding) {
      if (kept.length < MAX_FINDINGS) {
        kept.push(finding);
        return finding;
      }
      overflow.set(finding.kind, (overflow.get(finding.kind) ?? 0) + 1);
      return null;
    },
    recent: unused,
    reclassify: unused,
    countUnkept: unused,
    total: () => kept.length + [...overflow.values()].reduce((a, b) => a + b, 0),
  };
}

export async function runCheck(db: Database.Database, task: CheckTask): Promise<CheckAnswer> {
  const findings: VerifyFinding[] = [];
  const overflow = new Map<VerifyFindingKind, number>();
  const ctx: WalkContext = { db, sink: collectingSink(findings, overflow), tick: () => {}, pause: async () => {} };
  let divergent: string[] = [];
  let failure: { code: string | null; message: string } | null = null;
  db.exec('BEGIN');
  try {
    if (task.check === 'indexes') divergent = [...(await checkIndexes(ctx)).divergent];
    else if (task.check === 'type-hours') await checkTypeHoursBySql(ctx);
    else throw new Error(`no check ${String((task as { check?: unknown }).check)}`);
  } catch (error) {
    if (!isCorruption(error)) throw error;
    const code = (error as { code?: unknown }).code;
    failure = { code: typeof code === 'string' ? code : null, message: (error as Error).message };
  } finally {
    for (const statement of ['COMMIT', 'ROLLBACK']) {
      try {
        if (db.inTransaction) db.exec(statement);
        break;
      } catch {
        // after a damaged page SQLite may refuse COMMIT
      }
    }
  }
  return { ok: true, findings, unkept: [...overflow], divergent, failure };
}

// Only as the worker offThreadChecks.ts starts (never when imported elsewhere, e.g. in a test runner's thread).
if (parentPort && (workerData as { verifyCheckWorker?: boolean } | null)?.verifyCheckWorker === true) {
  const port = parentPort;
  port.once('message', async (task: CheckTask) => {
    let db: Database.Database | null = null;
    let answer: CheckAnswer;
    try {
      db = new Database((workerData as { file: string }).file, { readonly: true, fileMustExist: true });
      db.pragma('query_only = 1');
      answer = await runCheck(db, task);
    } catch (error) {
      answer = { ok: false, message: String((error as Error)?.message ?? error) };
    } finally {
      try {
        db?.close();
      } catch {
        // closing a read-only connection cannot lose anything
      }
    }
    port.postMessage(answer);
  });
}
