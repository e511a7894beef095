// The CLI's description of a home-grown events table: `--table schema.table` and one
// `--map target=column` per field (the import's mapping targets plus `position`). Only the shape is
// checked here; mappedTable.ts checks the columns against the catalog.
import { words } from '../../../../shared/errorWords/index.ts';
import { LedgerError } from '../../../errors.ts';

export const REQUIRED_TARGETS = ['streamId', 'version', 'type', 'data', 'time', 'position'] as const;
/** actor / correlationId / causationId: columns of their own, folded into the metadata shown. */
export const OPTIONAL_TARGETS = ['metadata', 'eventId', 'actor', 'correlationId', 'causationId'] as const;
export type MappingTarget = (typeof REQUIRED_TARGETS)[number] | (typeof OPTIONAL_TARGETS)[number];

export type TableMapping = Record<(typeof REQUIRED_TARGETS)[number], string> &
  Partial<Record<(typeof OPTIONAL_TARGETS)[number], string>> & {
    /** Whether `version` counts from 0 or 1; absent = decided from the table (0 when its minimum is 0). */
    versionBase?: 0 | 1;
  };

export interface TableRef {
  schema: string;
  table: string;
}

const TARGETS: readonly string[] = [...REQUIRED_TARGETS, ...OPTIONAL_TARGETS];

/** `schema.table`, `table` (schema public) or with double-quoted parts (`"my.schema"."Events"`). */
export function parseTableRef(text: string): TableRef {
  const parts: string[] = [];
  let rest = text.trim();
  for (;;) {
    const match = /^(?:"((?:[^"]|"")+)"|([^".\s]+))/.exec(rest);
    if (!match) throw invalidTable(text);
    parts.push(match[1] !== undefined ? match[1].replace(/""/g, '"') : match[2]);
    rest = rest.slice(match[0].length);
    if (rest === '') break;
    if (rest[0] !== '.' || parts.length === 2) throw invalidTable(text);
    rest = rest.slice(1);
  }
  return parts.length === 1 ? { schema: 'public', table: parts[0] } : { schema: parts[0], table: parts[1] };
}

const invalidTable = (text: string) =>
  new LedgerError('INVALID_INPUT', words('errorWords.pgMap.badTable', { table: text }), { table: text });

export function parseTableMapping(tableArg: string, mapArgs: string[]): { table: TableRef; mapping: TableMapping } {
  const table = parseTableRef(tableArg);
  const mapping: Partial<Record<MappingTarget, string>> & { versionBase?: 0 | 1 } = {};
  for (const arg of mapArgs) {
    const match = /^\s*([A-Za-z]+)\s*=\s*(.*?)\s*$/.exec(arg);
    if (!match || match[2] === '') {
      throw new LedgerError('INVALID_INPUT', words('errorWords.pgMap.badMap', { map: arg, targets: { list: [...TARGETS] } }), { map: arg });
    }
    const [, target, column] = match;
    if (target === 'versionBase') {
      if (column !== '0' && column !== '1') throw new LedgerError('INVALID_INPUT', words('errorWords.pgMap.badVersionBase', { value: column }), { map: arg });
      mapping.versionBase = column === '0' ? 0 : 1;
      continue;
    }
    if (!TARGETS.includes(target)) {
      throw new LedgerError('INVALID_INPUT', words('errorWords.pgMap.notAField', { target, targets: { list: [...TARGETS] } }), { map: arg, target });
    }
    if (mapping[target as MappingTarget] !== undefined) {
      throw new LedgerError('INVALID_INPUT', words('errorWords.pgMap.givenTwice', { target, first: mapping[target as MappingTarget]!, second: column }), { map: arg, target });
    }
    mapping[target as MappingTarget] = column;
  }
  const missing = REQUIRED_TARGETS.filter((t) => mapping[t] === undefined);
  if (missing.length > 0) {
    throw new LedgerError(
      'INVALID_INPUT',
      words('errorWords.pgMap.needs', {
        table: `${table.schema}.${table.table}`,
        missing: { list: missing.map((t) => `--map ${t}=column`) },
        required: { list: [...REQUIRED_TARGETS] },
        optional: { list: [...OPTIONAL_TARGETS] },
      }),
      { missing },
    );
  }
  return { table, mapping: mapping as TableMapping };
}
