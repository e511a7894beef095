// Every index of the events table against the table itself. Reads answered from an index alone (the
// fold reads events_by_stream_replay, which holds `data`) return the index's copy of a column, not
// the table's, so an index edited behind SQLite's back (writable_schema, a doctored b-tree) makes a
// replay show values the event list, the chain and every hash never saw. integrity_check would only
// say "row missing from index", which reads like disk damage; this names the index, the position
// and the column, and calls it what it is: the file was tampered with.
//
// Proof of equality per index, in position chunks with yields: (1) each table row's values are found
// in the index under its rowid, looked up by the full index key (a seek, the values read from the
// index), and (2) the index holds as many entries as the table has rows it should cover. Together
// they leave no room for an entry the table does not have.
import type Database from 'better-sqlite3';
import { words } from '../../shared/errorWords/index.ts';
import { said } from './said.ts';
import type { WalkContext } from './walkContext.ts';

const CHUNK = 5000;
const MAX_DETAILED = 20;

interface IndexShape {
  name: string;
  columns: string[];
  /** The partial index's WHERE clause (from its CREATE INDEX text), or null. */
  where: string | null;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Indexes of `events` over plain columns (an expression index has no column to compare). */
export function eventIndexes(db: Database.Database): IndexShape[] {
  const list = db.prepare("SELECT name, partial FROM pragma_index_list('events')").raw(true).all() as [string, number][];
  const shapes: IndexShape[] = [];
  for (const [name, partial] of list) {
    const keys = db.prepare('SELECT cid, name FROM pragma_index_info(?) ORDER BY seqno').raw(true).all(name) as [number, string | null][];
    if (keys.length === 0 || keys.some(([cid, column]) => cid < 0 || column === null)) continue;
    let where: string | null = null;
    if (partial) {
      const sql = db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = ?").pluck().get(name) as string | null;
      where = sql ? (/\bWHERE\b([\s\S]*)$/i.exec(sql)?.[1]?.trim() ?? null) : null;
      if (where === null) continue; // a partial index whose condition cannot be read back is not compared
    }
    shapes.push({ name, columns: keys.map(([, column]) => column as string), where });
  }
  return shapes;
}

export async function checkIndexes(ctx: WalkContext): Promise<{ divergent: Set<string> }> {
  const { db, sink } = ctx;
  const divergent = new Set<string>();
  const maxPosition = (db.prepare('SELECT max(position) FROM events').pluck().get() as number | null) ?? 0;
  for (const index of eventIndexes(db)) {
    const columns = index.columns.map(quote);
    const inTable = (alias: string) => (index.where ? `(${index.where.replace(/\b(\w+)\b/g, (word) => (index.columns.includes(word) ? `${alias}.${quote(word)}` : word))})` : '1');
    const missing = db.prepare(
      `SELECT t.position FROM events AS t NOT INDEXED WHERE t.position > ? AND t.position <= ? AND ${inTable('t')} AND NOT EXISTS (` +
        `SELECT 1 FROM events AS i INDEXED BY ${quote(index.name)} WHERE ${columns.map((c) => `i.${c} IS t.${c}`).join(' AND ')} AND i.position = t.position${index.where ? ` AND ${inTable('i')}` : ''})`,
    ).pluck();
    let detailed = 0;
    for (let from = 0; from < maxPosition; from += CHUNK) {
      for (const position of missing.all(from, from + CHUNK) as number[]) {
        divergent.add(index.name);
        const detail = detailed++ < MAX_DETAILED ? describe(db, index, position) : null;
        sink.add({
          kind: 'index-divergence',
          check: 'index',
          position,
          ...said(
            detail === null
              ? words('errorWords.finding.indexDisagreesUndescribed', { index: index.name, position })
              : detail === NO_ENTRY
                ? words('errorWords.finding.indexEntryMissing', { index: index.name, position })
                : words('errorWords.finding.indexDisagrees', { index: index.name, position, ...detail }),
          ),
          details: { index: index.name, column: detail?.column ?? null },
        });
      }
      await ctx.pause();
    }
    const filter = index.where ? ` WHERE ${index.where}` : '';
    const indexed = db.prepare(`SELECT count(*) FROM events INDEXED BY ${quote(index.name)}${filter}`).pluck().get() as number;
    const rows = db.prepare(`SELECT count(*) FROM events NOT INDEXED${filter}`).pluck().get() as number;
    if (indexed !== rows) {
      divergent.add(index.name);
      sink.add({
        kind: 'index-divergence',
        check: 'index',
        position: null,
        ...said(words('errorWords.finding.indexCount', { index: index.name, entries: indexed, rows })),
        details: { index: index.name, indexEntries: indexed, tableRows: rows },
      });
    }
  }
  return { divergent };
}

interface EntryDifference {
  column: string;
  indexValue: string;
  tableValue: string;
}

/** describe()'s answer when the index holds no entry at all for the row (the details name no column). */
const NO_ENTRY: EntryDifference = { column: '(entry missing)', indexValue: 'none', tableValue: 'a row' };

/** Which column of the index entry for `position` differs from the table (the first that does). */
function describe(db: Database.Database, index: IndexShape, position: number): EntryDifference | null {
  const columns = index.columns.map(quote).join(', ');
  const table = db.prepare(`SELECT ${columns} FROM events NOT INDEXED WHERE position = ?`).raw(true).get(position) as unknown[] | undefined;
  if (!table) return null;
  // The longest key prefix that still matches finds the entry cheaply; position pins it down.
  for (let prefix = index.columns.length; prefix >= 0; prefix--) {
    const where = [...index.columns.slice(0, prefix).map((c) => `${quote(c)} IS ?`), 'position = ?', ...(index.where ? [`(${index.where})`] : [])].join(' AND ');
    const entry = db.prepare(`SELECT ${columns} FROM events INDEXED BY ${quote(index.name)} WHERE ${where}`).raw(true).get(...table.slice(0, prefix), position) as unknown[] | undefined;
    if (!entry) continue;
    const at = entry.findIndex((value, i) => !sameValue(value, table[i]));
    if (at < 0) return null;
    return { column: index.columns[at], indexValue: shown(entry[at]), tableValue: shown(table[at]) };
  }
  return NO_ENTRY;
}

const sameValue = (a: unknown, b: unknown) => (Buffer.isBuffer(a) && Buffer.isBuffer(b) ? a.equals(b) : a === b);
const shown = (value: unknown) => {
  const text = Buffer.isBuffer(value) ? `x'${value.toString('hex')}'` : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
};
