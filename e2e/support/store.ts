// Ground truth for the journeys: the store file read directly (read-only, with better-sqlite3) and
// the CLI's answers, so every check compares what the UI shows with what is in the file.
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { CLI } from './paths.ts';

export function withStore<T>(file: string, read: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

/** Runs `ledger <args> --json` and parses its output (one JSON document). */
export function cliJson<T = unknown>(args: string[]): T {
  return JSON.parse(execFileSync(process.execPath, [CLI, ...args, '--json'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })) as T;
}

/** Runs `ledger <args> --json` whose output is NDJSON (e.g. `events --all`). */
export function cliNdjson<T = unknown>(args: string[]): T[] {
  const text = execFileSync(process.execPath, [CLI, ...args, '--json'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);
}

/**
 * A cart stream and a version range (from..to) whose diff removes one cart line and adds another:
 * an ItemRemoved directly followed by an ItemAdded of a different sku.
 */
export function findRemoveThenAdd(file: string): { streamId: string; from: number; to: number } {
  return withStore(file, (db) => {
    const row = db
      .prepare(
        `SELECT r.stream_id AS streamId, r.version AS removedAt
           FROM events r JOIN events a ON a.stream_id = r.stream_id AND a.version = r.version + 1
          WHERE r.type = 'ItemRemoved' AND a.type = 'ItemAdded' AND r.stream_id LIKE 'cart-0%'
            AND json_extract(r.data, '$.sku') <> json_extract(a.data, '$.sku')
          ORDER BY r.position LIMIT 1`,
      )
      .get() as { streamId: string; removedAt: number } | undefined;
    if (!row) throw new Error('The demo store has no ItemRemoved followed by an ItemAdded');
    return { streamId: row.streamId, from: row.removedAt - 1, to: row.removedAt + 1 };
  });
}

export function streamVersion(file: string, streamId: string): number {
  return withStore(file, (db) => (db.prepare('SELECT max(version) AS v FROM events WHERE stream_id = ?').get(streamId) as { v: number }).v);
}
