// Read-model tables beside the events (listTables / readTableRow of the reader contract), the part
// every store shares: which requests are allowed and how a cell's value comes back. A table or
// column name reaches SQL only after it was found in the store's own listing, so nothing a caller
// types is ever interpolated unchecked.
import type { TableInfo } from '../../shared/types.ts';
import { words, type ErrorFact } from '../../shared/errorWords/index.ts';
import { LedgerError } from '../errors.ts';
import { parseJsonText } from './decode.ts';

const SHOWN = 30;
const listOf = (names: string[]): ErrorFact => (names.length > SHOWN ? words('errorWords.table.namesMore', { names: { list: names.slice(0, SHOWN) }, more: names.length - SHOWN }) : { list: names });

export interface CheckedTableRequest {
  table: TableInfo;
  keyColumn: string;
  /** The requested columns, each once, in the order asked. */
  columns: string[];
}

/**
 * Checks a readTableRow request against the store's tables: INVALID_INPUT naming what exists when
 * the table or a column is not there. Names must match exactly as listed.
 */
export function checkTableRequest(tables: TableInfo[], table: string, keyColumn: string, columns: string[], key: unknown): CheckedTableRequest {
  if (typeof key !== 'string') throw new LedgerError('INVALID_INPUT', words('errorWords.table.keyNotText', {}));
  const found = tables.find((t) => t.name === table);
  if (!found) {
    const names = tables.map((t) => t.name);
    throw new LedgerError('INVALID_INPUT', names.length ? words('errorWords.table.noTable', { table, tables: listOf(names) }) : words('errorWords.table.noTables', { table }), {
      table,
      tables: names,
    });
  }
  if (!Array.isArray(columns) || columns.length === 0) throw new LedgerError('INVALID_INPUT', words('errorWords.table.noColumns', { table: found.name }), { table: found.name });
  const existing = found.columns.map((c) => c.name);
  const missing = [keyColumn, ...columns].filter((c) => typeof c !== 'string' || !existing.includes(c));
  if (missing.length > 0) {
    const unique = [...new Set(missing.map(String))];
    throw new LedgerError('INVALID_INPUT', words('errorWords.table.noColumn', { table: found.name, columns: { list: unique.map((name) => words('errorWords.table.quoted', { name })) }, existing: listOf(existing) }), {
      table: found.name,
      missing: unique,
      columns: existing,
    });
  }
  return { table: found, keyColumn, columns: [...new Set(columns)] };
}

/** Text holding a JSON object or array comes back parsed; any other text as it is. */
function jsonContainer(text: string): unknown {
  let i = 0;
  while (i < text.length && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9 || text.charCodeAt(i) === 10 || text.charCodeAt(i) === 13)) i++;
  const first = text[i];
  if (first !== '{' && first !== '[') return text;
  const parsed = parseJsonText(text);
  return parsed.ok ? parsed.value : text;
}

/** A whole-number or decimal text that a JS number holds exactly (as the projection state would hold it). */
function exactNumber(text: string): number | string {
  const n = Number(text);
  return Number.isFinite(n) && String(n) === text ? n : text;
}

const NUMERIC_TYPES = new Set(['bigint', 'numeric', 'decimal']);

/**
 * One cell as the drift check compares it with a projection's state: JSON text parsed, 64-bit and
 * decimal numbers as numbers when exact (else their text), times as ISO text. `type` is the
 * column's type as listed, when known.
 */
export function tableCell(value: unknown, type?: string): unknown {
  if (typeof value === 'string') {
    if (type !== undefined && NUMERIC_TYPES.has(type.toLowerCase())) return exactNumber(value);
    return jsonContainer(value);
  }
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? String(value) : value.toISOString();
  return value;
}
