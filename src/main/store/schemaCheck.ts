// Checks on open that a store's tables have every column our readers use, so a file whose `events`
// table was made by another tool (same names, other columns) is NOT_AN_EVENT_STORE naming what is
// missing, instead of opening and then failing on a click with a raw "no such column".
import Database from 'better-sqlite3';
import { words, type ErrorFact, type ErrorWords } from '../../shared/errorWords/index.ts';
import { LedgerError } from '../errors.ts';
import { MIN_READABLE_VERSION, migrate } from './schema.ts';

export type RequiredColumns = Readonly<Record<string, readonly string[]>>;

let ledgerColumns: RequiredColumns | undefined;

/**
 * Our own format's tables and columns, read from a schema built by migrate(): never out of date.
 * The oldest readable version's: tables added later (event_type_hours) are optional to readers.
 */
export function ledgerRequiredColumns(): RequiredColumns {
  if (!ledgerColumns) {
    const db = new Database(':memory:');
    try {
      migrate(db, MIN_READABLE_VERSION);
      const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
      ledgerColumns = Object.fromEntries(tables.map((table) => [table, columnsOf(db, table)]));
    } finally {
      db.close();
    }
  }
  return ledgerColumns;
}

/** The columns of Emmett's tables that the Emmett adapter (adapters/emmett/emmettReader.ts) reads. */
export const EMMETT_REQUIRED_COLUMNS: RequiredColumns = {
  emt_messages: [
    'global_position',
    'message_id',
    'stream_id',
    'stream_position',
    'message_type',
    'message_data',
    'message_metadata',
    'created',
    'is_archived',
    'message_kind',
  ],
  emt_streams: [],
};

function columnsOf(db: Database.Database, table: string): string[] {
  return (db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(table) as string[]);
}

/** Throws NOT_AN_EVENT_STORE naming every missing table and column. */
export function assertSchema(db: Database.Database, required: RequiredColumns, file: string, formatName: ErrorFact): void {
  const problems: ErrorWords[] = [];
  const missing: Record<string, string[]> = {};
  for (const [table, columns] of Object.entries(required)) {
    const present = new Set(columnsOf(db, table));
    if (present.size === 0) {
      problems.push(words('errorWords.schema.noTable', { table }));
      missing[table] = ['(table)'];
      continue;
    }
    const absent = columns.filter((c) => !present.has(c));
    if (absent.length > 0) {
      problems.push(words(absent.length > 1 ? 'errorWords.schema.lacksColumns' : 'errorWords.schema.lacksColumn', { table, columns: { list: absent } }));
      missing[table] = absent;
    }
  }
  if (problems.length > 0) {
    // Joined with '; ' (a problem names columns with commas): each pair of problems is words of its own.
    const joined = problems.reduceRight((rest, first) => words('errorWords.schema.problems', { first, rest }));
    throw new LedgerError('NOT_AN_EVENT_STORE', words('errorWords.schema.notOurs', { path: file, format: formatName, problems: joined }), {
      path: file,
      missing,
    });
  }
}
