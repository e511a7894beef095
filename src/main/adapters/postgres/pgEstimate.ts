// "This filter will read the whole table": before running a global-log query (timeline page,
// histogram, count, export) the UI can ask the server's planner what it would do. Plain EXPLAIN
// (no ANALYZE) plans without executing, so it is cheap and read-only; the table sizes come from
// pg_class.reltuples (the planner's own estimate, readable by any role).
import type { LogQuery } from '../../store/logFilter.ts';
import { quoteIdent, type PgLayout } from './layout.ts';
import { logWhere, SqlParams, whereSql } from './pgFilters.ts';
import type { PgSession } from './pgSession.ts';

export interface PgQueryEstimate {
  /** Rows the planner expects the query to return. */
  matchingRows: number;
  /** Relations the plan reads from end to end (no index), with their estimated sizes. */
  wholeTableScans: { relation: string; rows: number }[];
  /** The plan's total cost (planner units), for comparing two filters. */
  cost: number;
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  Schema?: string;
  'Plan Rows': number;
  'Total Cost': number;
  'Index Cond'?: string;
  Plans?: PlanNode[];
}

/** A sequential scan, or an index walked end to end (no Index Cond: just for its order), reads every row. */
const readsEveryRow = (node: PlanNode) =>
  node['Node Type'] === 'Seq Scan' || ((node['Node Type'] === 'Index Scan' || node['Node Type'] === 'Index Only Scan') && !node['Index Cond']);

const scans = (node: PlanNode): { schema: string; relation: string }[] => [
  ...(readsEveryRow(node) && node['Relation Name'] ? [{ schema: node.Schema ?? 'public', relation: node['Relation Name'] }] : []),
  ...(node.Plans ?? []).flatMap(scans),
];

export async function estimateLogQuery(session: PgSession, layout: PgLayout, query: LogQuery): Promise<PgQueryEstimate> {
  const params = new SqlParams();
  const where = logWhere(layout, query, params);
  const order = (layout.globalOrder ?? [layout.columns.position]).join(', ');
  const sql = `EXPLAIN (FORMAT JSON, VERBOSE) SELECT ${layout.columns.position} FROM ${layout.eventsTable} e ${whereSql(where)} ORDER BY ${order}`;
  const [row] = await session.query<{ 'QUERY PLAN': { Plan: PlanNode }[] | string }>(sql, params.values);
  const raw = row['QUERY PLAN'];
  const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw)[0].Plan as PlanNode;
  const found = scans(plan);
  const sizes = found.length
    ? await session.query<{ name: string; rows: number }>(
        `SELECT n.nspname || '.' || c.relname AS name, greatest(c.reltuples, 0)::float8 AS rows FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE (n.nspname, c.relname) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
        [found.map((f) => f.schema), found.map((f) => f.relation)],
      )
    : [];
  const sizeOf = new Map(sizes.map((s) => [s.name, s.rows]));
  // A table never ANALYZEd has no reltuples (-1, read as 0): then ask the planner, which sizes an
  // unfiltered scan from the table's pages.
  for (const f of found) {
    const name = `${f.schema}.${f.relation}`;
    if ((sizeOf.get(name) ?? 0) > 0) continue;
    const [whole] = await session.query<{ 'QUERY PLAN': { Plan: PlanNode }[] | string }>(`EXPLAIN (FORMAT JSON) SELECT 1 FROM ${quoteIdent(f.schema)}.${quoteIdent(f.relation)}`);
    const raw = whole['QUERY PLAN'];
    sizeOf.set(name, ((typeof raw === 'string' ? JSON.parse(raw) : raw)[0].Plan as PlanNode)['Plan Rows']);
  }
  return {
    matchingRows: plan['Plan Rows'],
    wholeTableScans: found.map((f) => ({ relation: `${f.schema}.${f.relation}`, rows: sizeOf.get(`${f.schema}.${f.relation}`) ?? 0 })),
    cost: plan['Total Cost'],
  };
}
