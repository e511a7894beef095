// Ways to tamper with a native store file behind the append path's back, as an attacker with raw
// SQLite access would. Used by the verify tamper matrix (unit) and reusable from e2e: each case
// says what verify must report. All edits go through a separate writable connection to `file`.
import Database from 'better-sqlite3';
import type { VerifyCheck, VerifyFindingKind } from '../../shared/verify.ts';
import { chainHash } from '../store/hashChain.ts';

type Row = {
  position: number;
  event_id: string;
  stream_id: string;
  version: number;
  type: string;
  recorded_at: number;
  data: string;
  metadata: string;
  prev_hash: Buffer;
  hash: Buffer;
};

function withDb<T>(file: string, run: (db: Database.Database) => T): T {
  const db = new Database(file, { fileMustExist: true });
  try {
    return db.transaction(() => run(db))();
  } finally {
    db.close();
  }
}

const rowAt = (db: Database.Database, position: number) => db.prepare('SELECT * FROM events WHERE position = ?').get(position) as Row;

/** Flips one character of a text column (a digit becomes another digit, anything else its neighbour). */
function oneByteChanged(text: string): string {
  const i = Math.floor(text.length / 2);
  const c = text.charCodeAt(i);
  const replacement = c >= 48 && c <= 56 ? c + 1 : c === 57 ? 48 : c ^ 1;
  return text.slice(0, i) + String.fromCharCode(replacement) + text.slice(i + 1);
}

export function changeOneByte(file: string, position: number, column: 'data' | 'metadata' | 'type'): void {
  withDb(file, (db) => {
    const row = rowAt(db, position);
    db.prepare(`UPDATE events SET ${column} = ? WHERE position = ?`).run(oneByteChanged(row[column]), position);
  });
}

export function deleteEvent(file: string, position: number): void {
  withDb(file, (db) => db.prepare('DELETE FROM events WHERE position = ?').run(position));
}

export function deleteLastEvent(file: string): number {
  return withDb(file, (db) => {
    const last = db.prepare('SELECT max(position) FROM events').pluck().get() as number;
    db.prepare('DELETE FROM events WHERE position = ?').run(last);
    return last;
  });
}

/** Swaps the positions of two events (each keeps its content, hash and prev_hash). */
export function swapEvents(file: string, a: number, b: number): void {
  withDb(file, (db) => {
    const move = db.prepare('UPDATE events SET position = ? WHERE position = ?');
    move.run(-1, a);
    move.run(a, b);
    move.run(b, -1);
  });
}

/** Moves one event to another (free) position, keeping its content, hash and prev_hash. */
export function moveEvent(file: string, from: number, to: number): void {
  withDb(file, (db) => db.prepare('UPDATE events SET position = ? WHERE position = ?').run(to, from));
}

/** Shifts `position` and everything after it up by one, then inserts a forged event there whose own hash is correct. */
export function insertForgedEvent(file: string, position: number): void {
  withDb(file, (db) => {
    db.prepare('UPDATE events SET position = -(position + 1) WHERE position >= ?').run(position);
    db.prepare('UPDATE events SET position = -position WHERE position < 0').run();
    const prev = rowAt(db, position - 1).hash;
    const forged = {
      position,
      eventId: 'forged-0001',
      streamId: 'account-forged',
      version: 1,
      type: 'FundsDeposited',
      recordedAtMs: rowAt(db, position - 1).recorded_at,
      data: '{"amount":1000000}',
      metadata: '{"actor":"mallory"}',
    };
    db.prepare(
      'INSERT INTO events (position, event_id, stream_id, version, type, data, metadata, recorded_at, prev_hash, hash, actor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(position, forged.eventId, forged.streamId, 1, forged.type, forged.data, forged.metadata, forged.recordedAtMs, prev, chainHash(prev, forged), 'mallory');
  });
}

/** Replaces one event's data and recomputes its own hash (its successor's link then points elsewhere). */
export function replaceEvent(file: string, position: number): void {
  withDb(file, (db) => {
    const row = rowAt(db, position);
    const data = oneByteChanged(row.data);
    const hash = chainHash(row.prev_hash, { position, eventId: row.event_id, streamId: row.stream_id, version: row.version, type: row.type, recordedAtMs: row.recorded_at, data, metadata: row.metadata });
    db.prepare('UPDATE events SET data = ?, hash = ? WHERE position = ?').run(data, hash, position);
  });
}

/** replaceEvent, then patches the successor's prev_hash to the forged hash (its own hash is left). */
export function replaceEventAndPatchNext(file: string, position: number): void {
  replaceEvent(file, position);
  withDb(file, (db) => db.prepare('UPDATE events SET prev_hash = ? WHERE position = ?').run(rowAt(db, position).hash, position + 1));
}

/**
 * Edits one event and recomputes every hash from it to the end, and ledger_head's head hash: the
 * chain is consistent again, so only a head recorded elsewhere can reveal it. Returns the new head.
 */
export function rewriteChainFrom(file: string, position: number): string {
  return withDb(file, (db) => {
    const rows = db.prepare('SELECT * FROM events WHERE position >= ? ORDER BY position').all(position) as Row[];
    let prev = rowAt(db, position - 1)?.hash ?? Buffer.alloc(32);
    const update = db.prepare('UPDATE events SET data = ?, prev_hash = ?, hash = ? WHERE position = ?');
    for (const row of rows) {
      const data = row.position === position ? oneByteChanged(row.data) : row.data;
      const hash = chainHash(prev, { position: row.position, eventId: row.event_id, streamId: row.stream_id, version: row.version, type: row.type, recordedAtMs: row.recorded_at, data, metadata: row.metadata });
      update.run(data, prev, hash, row.position);
      prev = hash;
    }
    db.prepare('UPDATE ledger_head SET head_hash = ? WHERE id = 1').run(prev);
    return prev.toString('hex');
  });
}

/**
 * Replaces the first U+FFFD of an event's data (stored as the bytes EF BF BD) by one byte FF, which
 * is not UTF-8: SQLite's text decoding turns it back into U+FFFD, so a hash over decoded text still
 * matches. The event's data must contain U+FFFD.
 */
export function replacementCharByInvalidByte(file: string, position: number): void {
  withDb(file, (db) => {
    const bytes = db.prepare('SELECT CAST(data AS BLOB) FROM events WHERE position = ?').pluck().get(position) as Buffer;
    const at = bytes.indexOf(Buffer.from([0xef, 0xbf, 0xbd]));
    if (at < 0) throw new Error(`The data of position ${position} holds no U+FFFD to replace.`);
    const forged = Buffer.concat([bytes.subarray(0, at), Buffer.from([0xff]), bytes.subarray(at + 3)]);
    // CAST(? AS TEXT) stores the bytes as they are, with text type (a blob would be a type change).
    db.prepare('UPDATE events SET data = CAST(? AS TEXT) WHERE position = ?').run(forged, position);
  });
}

/** Rewrites one event's data as a BLOB of the very same bytes (only its storage type changes). */
export function rewriteDataAsBlob(file: string, position: number): void {
  withDb(file, (db) => db.prepare('UPDATE events SET data = CAST(data AS BLOB) WHERE position = ?').run(position));
}

export function setColumn(file: string, position: number, column: 'actor' | 'correlation_id' | 'causation_id', value: string | null): void {
  withDb(file, (db) => db.prepare(`UPDATE events SET ${column} = ? WHERE position = ?`).run(value, position));
}

/** A connection allowed to edit sqlite_schema (better-sqlite3 turns SQLite's defensive mode on). */
function withSchemaWrites<T>(file: string, run: (db: Database.Database) => T): T {
  const db = new Database(file, { fileMustExist: true });
  try {
    db.unsafeMode(true);
    db.pragma('writable_schema = ON');
    return db.transaction(() => run(db))();
  } finally {
    db.close();
  }
}

/**
 * Edits one column of an event in an index only, leaving the table row (and so its hash) intact: the
 * row is updated to `value` (table and indexes follow), then the index is hidden from SQLite through
 * writable_schema while the table row is put back, and shown again over its untouched b-tree.
 */
export function editIndexOnly(file: string, index: string, position: number, column: 'data' | 'type' | 'actor', value: string): void {
  const original = withDb(file, (db) => {
    const row = rowAt(db, position) as Row & { actor: string | null };
    db.prepare(`UPDATE events SET ${column} = ? WHERE position = ?`).run(value, position);
    return row[column];
  });
  const entry = withSchemaWrites(file, (db) => {
    const schema = db.prepare("SELECT type, name, tbl_name, rootpage, sql FROM sqlite_schema WHERE type = 'index' AND name = ?").get(index) as Record<string, unknown>;
    db.prepare("DELETE FROM sqlite_schema WHERE type = 'index' AND name = ?").run(index);
    return schema;
  });
  withDb(file, (db) => db.prepare(`UPDATE events SET ${column} = ? WHERE position = ?`).run(original, position));
  withSchemaWrites(file, (db) => {
    db.prepare('INSERT INTO sqlite_schema (type, name, tbl_name, rootpage, sql) VALUES (@type, @name, @tbl_name, @rootpage, @sql)').run(entry);
  });
}

export interface TamperCase {
  name: string;
  apply(file: string): void;
  /** The finding verify must report (among possible consequential summary mismatches). */
  expect: { kind: VerifyFindingKind; check: VerifyCheck; position: number | 'last' | null };
  /**
   * The last position the chain still vouches for, when not the one before the finding: a row that
   * fails its hash but links to the row before leaves that row suspect too (it may have been replaced
   * and the link patched), so the last trustworthy position is two before it.
   */
  lastGood?: number;
  /** Only detectable with the head recorded before tampering (verify --expect-head). */
  needsExpectedHead?: boolean;
}

/** The tamper matrix on a store of at least 20 events (positions chosen inside it). */
export const TAMPER_CASES: TamperCase[] = [
  { name: 'one byte of a payload', apply: (f) => changeOneByte(f, 12, 'data'), expect: { kind: 'edited', check: 'chain', position: 12 }, lastGood: 10 },
  { name: 'one byte of metadata', apply: (f) => changeOneByte(f, 7, 'metadata'), expect: { kind: 'edited', check: 'chain', position: 7 }, lastGood: 5 },
  { name: 'one byte of a type', apply: (f) => changeOneByte(f, 9, 'type'), expect: { kind: 'edited', check: 'chain', position: 9 }, lastGood: 7 },
  { name: 'delete an event', apply: (f) => deleteEvent(f, 12), expect: { kind: 'deleted', check: 'chain', position: 12 } },
  { name: 'delete the first event', apply: (f) => deleteEvent(f, 1), expect: { kind: 'deleted', check: 'chain', position: 1 } },
  { name: 'delete the last event', apply: (f) => void deleteLastEvent(f), expect: { kind: 'deleted', check: 'ledger-head', position: 'last' } },
  { name: 'swap two events', apply: (f) => swapEvents(f, 12, 13), expect: { kind: 'reordered', check: 'chain', position: 12 } },
  { name: 'move an event to the end', apply: (f) => moveEvent(f, 5, 31), expect: { kind: 'reordered', check: 'chain', position: 5 } },
  { name: 'insert a forged event with its own correct hash', apply: (f) => insertForgedEvent(f, 12), expect: { kind: 'inserted', check: 'chain', position: 12 } },
  { name: 'replace an event and recompute its own hash', apply: (f) => replaceEvent(f, 12), expect: { kind: 'edited', check: 'chain', position: 12 } },
  // The break is in the link 12→13: both are suspects, 11 is the last trustworthy position.
  {
    name: "replace an event, recompute its own hash and patch the next one's link",
    apply: (f) => replaceEventAndPatchNext(f, 12),
    expect: { kind: 'edited', check: 'chain', position: 13 }, lastGood: 11,
  },
  // Positions 15 holds U+FFFD in its data (the matrix's store writes one there).
  { name: 'replace the bytes EF BF BD of a payload by one FF byte', apply: (f) => replacementCharByInvalidByte(f, 15), expect: { kind: 'edited', check: 'chain', position: 15 }, lastGood: 13 },
  { name: 'rewrite a payload as a BLOB of the same bytes', apply: (f) => rewriteDataAsBlob(f, 15), expect: { kind: 'edited', check: 'chain', position: 15 } },
  { name: 'edit the indexed actor column only', apply: (f) => setColumn(f, 5, 'actor', 'mallory'), expect: { kind: 'summary-mismatch', check: 'derived-columns', position: 5 } },
  {
    name: 'rewrite the chain from the middle to the end',
    apply: (f) => void rewriteChainFrom(f, 12),
    expect: { kind: 'rewritten', check: 'expected-head', position: null },
    needsExpectedHead: true,
  },
];
