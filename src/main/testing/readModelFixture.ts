// The read-model table of the reader contract (CONTRACT_READ_MODEL), written beside a store's events
// the way an application keeps its projections: in an SQLite file (TEXT holding JSON) or in a
// PostgreSQL schema (jsonb). Test code only: the readers under test never write.
import Database from 'better-sqlite3';
import { CONTRACT_READ_MODEL } from '../adapters/readerContract.ts';
import { withClient } from './pgServer.ts';

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Adds the table to an SQLite store file (closed again before the reader opens it). */
export function writeSqliteReadModel(file: string): void {
  const db = new Database(file);
  try {
    db.exec(`CREATE TABLE ${CONTRACT_READ_MODEL.table} (id TEXT PRIMARY KEY, seq INTEGER NOT NULL, status TEXT, total INTEGER, items TEXT, note TEXT)`);
    const insert = db.prepare(`INSERT INTO ${CONTRACT_READ_MODEL.table} VALUES (?, ?, ?, ?, ?, ?)`);
    for (const r of CONTRACT_READ_MODEL.rows) insert.run(r.id, r.seq, r.status, r.total, JSON.stringify(r.items), r.note);
  } finally {
    db.close();
  }
}

/** Adds the table to `schema` of a PostgreSQL database (superuser URL), analyzed so the planner's estimate is exact. */
export async function writePgReadModel(url: string, schema: string): Promise<void> {
  const table = `${quote(schema)}.${CONTRACT_READ_MODEL.table}`;
  await withClient(url, async (client) => {
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quote(schema)}`);
    await client.query(`CREATE TABLE ${table} (id text PRIMARY KEY, seq integer NOT NULL, status text, total bigint, items jsonb, note text)`);
    for (const r of CONTRACT_READ_MODEL.rows) {
      await client.query(`INSERT INTO ${table} VALUES ($1, $2, $3, $4, $5, $6)`, [r.id, r.seq, r.status, r.total, JSON.stringify(r.items), r.note]);
    }
    await client.query(`ANALYZE ${table}`);
  });
}
