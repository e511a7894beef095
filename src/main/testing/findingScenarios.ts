// Native stores tampered in every way the verify checks name, for tests that look at the findings'
// sentences rather than their classification (verify.test.ts pins that): each scenario edits a copy
// of one clean store behind the append path's back and returns the findings the real checks make.
// A few findings cannot be reached through verify(file) (opening refuses a store that lacks a table;
// the stream pass needs the UNIQUE index that makes duplicate versions impossible): those scenarios
// run the one check itself over the tampered file.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import type { VerifyFinding } from '../../shared/verify.ts';
import { chainHashOfStoredBytes } from '../store/hashChain.ts';
import { openStore } from '../store/openStore.ts';
import { createFindingSink } from '../verify/findings.ts';
import { checkSchema } from '../verify/schemaCheck.ts';
import { checkStreams } from '../verify/streamChecks.ts';
import { verify } from '../verify/verify.ts';
import {
  changeOneByte,
  deleteEvent,
  deleteLastEvent,
  editIndexOnly,
  insertForgedEvent,
  moveEvent,
  replaceEvent,
  replaceEventAndPatchNext,
  replacementCharByInvalidByte,
  rewriteChainFrom,
  rewriteDataAsBlob,
  setColumn,
  swapEvents,
} from './tamper.ts';

const T0 = Date.parse('2026-02-01T09:00:00Z');

/** 30 events over account-0, -1 and -2 interleaved (position p is version ⌈p/3⌉), U+FFFD in position 15's data. Returns the chain head. */
export function writeCleanStore(file: string): string {
  const store = openStore(file, { readonly: false, create: true });
  for (let i = 0; i < 30; i++) {
    store.append(`account-${i % 3}`, [
      {
        type: i % 4 === 0 ? 'FundsWithdrawn' : 'FundsDeposited',
        data: { amount: 100 + i, note: i === 14 ? `payment \uFFFD ${i}` : `payment ${i}` },
        metadata: { actor: `user-${i % 5}`, correlationId: `corr-${i}` },
        recordedAt: T0 + i * 60_000,
      },
    ]);
  }
  const head = store.stats().chainHead as string;
  store.close();
  return head;
}

function sql(file: string, ...statements: string[]): void {
  const db = new Database(file, { fileMustExist: true });
  try {
    db.transaction(() => statements.forEach((statement) => db.exec(statement)))();
  } finally {
    db.close();
  }
}

/** Runs `statements` while `index` is hidden from SQLite (writable_schema), so the table changes and the index does not. */
function behindIndex(file: string, index: string, ...statements: string[]): void {
  const db = new Database(file, { fileMustExist: true });
  try {
    db.unsafeMode(true);
    db.pragma('writable_schema = ON');
    const entry = db.prepare("SELECT type, name, tbl_name, rootpage, sql FROM sqlite_schema WHERE type = 'index' AND name = ?").get(index);
    db.prepare("DELETE FROM sqlite_schema WHERE type = 'index' AND name = ?").run(index);
    db.pragma('writable_schema = OFF');
    db.close();
    sql(file, ...statements);
    const again = new Database(file, { fileMustExist: true });
    again.unsafeMode(true);
    again.pragma('writable_schema = ON');
    again.prepare('INSERT INTO sqlite_schema (type, name, tbl_name, rootpage, sql) VALUES (@type, @name, @tbl_name, @rootpage, @sql)').run(entry);
    again.close();
  } finally {
    if (db.open) db.close();
  }
}

/**
 * A store of 600 events beside `file` (big enough for pages before the damaged one to stay readable)
 * with one leaf page of `name`, a table or an index, overwritten with zeros.
 */
function damaged(file: string, name: string, offset: number): string {
  const big = `${file}-big.db`;
  const store = openStore(big, { readonly: false, create: true });
  for (let i = 0; i < 600; i++) store.append(`s-${i % 7}`, [{ type: `T${i % 3}`, data: { i, pad: 'x'.repeat(40) }, recordedAt: T0 + i }]);
  store.close();
  const db = new Database(big, { readonly: true });
  const page = db.prepare("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno LIMIT 1 OFFSET ?").pluck().get(name, offset) as number;
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.close();
  const bytes = fs.readFileSync(big);
  bytes.fill(0, (page - 1) * pageSize, page * pageSize);
  fs.writeFileSync(big, bytes);
  return big;
}

/**
 * The last event's data rewritten with a byte that is not UTF-8 (0xFF) and its hash recomputed over
 * those bytes, ledger_head following: the chain holds, but no writer of this store makes such bytes.
 */
function lastPayloadAsInvalidBytes(file: string): void {
  const db = new Database(file, { fileMustExist: true });
  try {
    const row = db.prepare('SELECT * FROM events ORDER BY position DESC LIMIT 1').get() as Record<string, never>;
    const text = row.data as string;
    const at = text.indexOf('payment');
    const data = Buffer.concat([Buffer.from(text.slice(0, at), 'utf8'), Buffer.from([0xff]), Buffer.from(text.slice(at), 'utf8')]);
    const fields = { position: row.position, eventId: row.event_id, streamId: row.stream_id, version: row.version, type: row.type, recordedAtMs: row.recorded_at };
    const hash = Buffer.from(chainHashOfStoredBytes(row.prev_hash, fields, data, Buffer.from(row.metadata as string, 'utf8')), 'hex');
    db.prepare('UPDATE events SET data = CAST(? AS TEXT), hash = ? WHERE position = ?').run(data, hash, row.position);
    db.prepare('UPDATE ledger_head SET head_hash = ? WHERE id = 1').run(hash);
  } finally {
    db.close();
  }
}

/** One check run by itself over a tampered file. */
async function checkAlone(file: string, run: (ctx: { db: Database.Database; sink: ReturnType<typeof createFindingSink>; tick(): void; pause(): Promise<void> }) => unknown): Promise<VerifyFinding[]> {
  const db = new Database(file, { readonly: true });
  const sink = createFindingSink();
  try {
    await run({ db, sink, tick: () => {}, pause: async () => {} });
  } finally {
    db.close();
  }
  return sink.list;
}

const verified = async (file: string, options?: Parameters<typeof verify>[1]) => (await verify(file, options)).findings;

export interface FindingScenario {
  name: string;
  /** Tampers `file` (a copy of the clean store whose chain head is `head`) and returns what the checks found. */
  findings(file: string, head: string): Promise<VerifyFinding[]>;
}

export const FINDING_SCENARIOS: FindingScenario[] = [
  { name: 'the first event edited', findings: (f) => (changeOneByte(f, 1, 'data'), verified(f)) },
  { name: 'a payload edited', findings: (f) => (changeOneByte(f, 12, 'data'), verified(f)) },
  { name: 'an event replaced, its hash recomputed', findings: (f) => (replaceEvent(f, 12), verified(f)) },
  { name: 'an event replaced and the next link patched', findings: (f) => (replaceEventAndPatchNext(f, 12), verified(f)) },
  { name: 'an event deleted', findings: (f) => (deleteEvent(f, 12), verified(f)) },
  { name: 'two events of one stream deleted', findings: (f) => (deleteEvent(f, 12), deleteEvent(f, 15), verified(f)) },
  { name: 'a run of events deleted', findings: (f) => (sql(f, 'DELETE FROM events WHERE position BETWEEN 12 AND 14'), verified(f)) },
  { name: 'the first event deleted', findings: (f) => (deleteEvent(f, 1), verified(f)) },
  { name: 'the last event deleted', findings: (f) => (deleteLastEvent(f), verified(f)) },
  { name: 'the last two events deleted', findings: (f) => (sql(f, 'DELETE FROM events WHERE position > 28'), verified(f)) },
  { name: 'a deletion hidden by renumbering', findings: (f) => (sql(f, 'DELETE FROM events WHERE position = 12', 'UPDATE events SET position = position - 1 WHERE position > 12'), verified(f)) },
  { name: 'two events swapped', findings: (f) => (swapEvents(f, 12, 13), verified(f)) },
  { name: 'two events of one stream swapped', findings: (f) => (swapEvents(f, 10, 13), verified(f)) },
  { name: 'an event moved to the end', findings: (f) => (moveEvent(f, 5, 31), verified(f)) },
  { name: 'an event moved beyond the window', findings: (f) => (moveEvent(f, 5, 31), verified(f, { chainWindow: 4 })) },
  { name: 'a run of events renumbered', findings: (f) => (sql(f, 'UPDATE events SET position = -(position + 1) WHERE position >= 20', 'UPDATE events SET position = -position WHERE position < 0'), verified(f)) },
  { name: 'a forged event inserted', findings: (f) => (insertForgedEvent(f, 12), verified(f)) },
  { name: 'a payload byte that is not UTF-8', findings: (f) => (replacementCharByInvalidByte(f, 15), verified(f)) },
  { name: 'a payload rewritten with bytes that are not UTF-8, its hash recomputed over them', findings: (f) => (lastPayloadAsInvalidBytes(f), verified(f)) },
  { name: 'a payload rewritten as a BLOB', findings: (f) => (rewriteDataAsBlob(f, 15), verified(f)) },
  { name: 'the actor column edited', findings: (f) => (setColumn(f, 5, 'actor', 'mallory'), verified(f)) },
  { name: 'the chain rewritten to its end', findings: async (f, head) => (rewriteChainFrom(f, 12), [...(await verified(f, { expectHead: head })), ...(await verified(f, { expectHead: { hash: head, position: 30 } }))]) },
  {
    name: 'the recorded head renumbered',
    findings: (f, head) => (sql(f, 'DELETE FROM events WHERE position = 5', 'UPDATE events SET position = position - 1 WHERE position > 5'), verified(f, { expectHead: { hash: head, position: 30 } })),
  },
  { name: 'an index edited', findings: (f) => (editIndexOnly(f, 'events_by_stream_replay', 14, 'data', '{"amount":99}'), verified(f)) },
  { name: 'many index entries edited', findings: (f) => (behindIndex(f, 'events_by_actor', "UPDATE events SET actor = 'mallory'"), verified(f)) },
  {
    name: 'a row the index does not hold',
    findings: (f) => (
      behindIndex(f, 'events_by_type', "INSERT INTO events (position, event_id, stream_id, version, type, data, metadata, recorded_at, prev_hash, hash) SELECT 31, 'forged', 'account-9', 1, type, data, metadata, recorded_at, hash, hash FROM events WHERE position = 30"),
      verified(f)
    ),
  },
  // A partial index: its count is compared under its own WHERE (so SQLite counts the index itself).
  { name: 'an index entry the table does not have', findings: (f) => (behindIndex(f, 'events_by_actor', 'UPDATE events SET actor = NULL WHERE position = 30'), verified(f)) },
  { name: 'a trigger added and the UNIQUE index dropped', findings: (f) => (sql(f, 'CREATE TRIGGER rewrite AFTER INSERT ON events BEGIN SELECT 1; END', 'DROP INDEX events_by_stream_version'), verified(f)) },
  { name: 'a table dropped and a column removed', findings: (f) => (sql(f, 'DROP TABLE event_types', 'ALTER TABLE streams DROP COLUMN time_ordered'), checkAlone(f, ({ db, sink }) => checkSchema(db, sink))) },
  { name: 'a duplicate version', findings: (f) => (sql(f, 'DROP INDEX events_by_stream_version', 'UPDATE events SET version = 1 WHERE position = 4'), checkAlone(f, (ctx) => checkStreams(ctx))) },
  { name: 'versions swapped within a stream', findings: (f) => (sql(f, 'UPDATE events SET version = -1 WHERE position = 1', 'UPDATE events SET version = 1 WHERE position = 4', 'UPDATE events SET version = 2 WHERE position = 1'), verified(f)) },
  {
    name: 'versions missing from streams',
    findings: (f) => (sql(f, "UPDATE events SET stream_id = 'account-9', version = 2 WHERE position = 30", 'UPDATE events SET version = 12 WHERE position = 29'), verified(f)),
  },
  {
    name: 'the streams table edited',
    findings: (f) => (sql(f, "DELETE FROM streams WHERE stream_id = 'account-1'", "UPDATE streams SET version = 11, event_count = 9 WHERE stream_id = 'account-0'", "INSERT INTO streams SELECT 'ghost-1', 'ghost', version, event_count, first_position, last_position, first_recorded_at, last_recorded_at, time_ordered FROM streams WHERE stream_id = 'account-2'"), verified(f)),
  },
  {
    name: 'the event_types table edited',
    findings: (f) => (sql(f, "DELETE FROM event_types WHERE type = 'FundsWithdrawn'", "INSERT INTO event_types SELECT 'Ghost', event_count, first_recorded_at, last_recorded_at FROM event_types WHERE type = 'FundsDeposited'", "UPDATE event_types SET event_count = 99 WHERE type = 'FundsDeposited'"), verified(f)),
  },
  {
    name: 'the event_type_hours table edited',
    findings: (f) => (sql(f, "DELETE FROM event_type_hours WHERE type = 'FundsWithdrawn'", "UPDATE event_type_hours SET event_count = event_count + 5 WHERE type = 'FundsDeposited'"), verified(f)),
  },
  { name: 'the ledger_head row deleted', findings: (f) => (sql(f, 'DELETE FROM ledger_head'), verified(f)) },
  { name: 'the recorded head replaced', findings: (f) => (sql(f, `UPDATE ledger_head SET head_hash = x'${'ab'.repeat(32)}'`), verified(f)) },
  { name: 'a head that is nowhere', findings: (f) => (sql(f, `UPDATE ledger_head SET head_hash = x'${'ab'.repeat(32)}', last_position = 10, stream_count = 7`), verified(f)) },
  { name: 'the recorded head moved back one event', findings: (f) => (sql(f, 'UPDATE ledger_head SET head_hash = (SELECT hash FROM events WHERE position = 29), last_position = 29, event_count = 29'), verified(f)) },
  { name: 'the recorded head moved back two events', findings: (f) => (sql(f, 'UPDATE ledger_head SET head_hash = (SELECT hash FROM events WHERE position = 28), last_position = 28'), verified(f)) },
  { name: 'a damaged page of the events table', findings: (f) => verified(damaged(f, 'events', 2)) },
  { name: 'a damaged page of the event_types table', findings: (f) => verified(damaged(f, 'event_types', 0)) },
];
