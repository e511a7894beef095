// Stream summaries for the PostgreSQL reader. With a streams table (Marten's mt_streams) a page is
// chosen from that table alone and only the page's streams touch the events table, through two
// index probes each (first and last event by version): the first page of the stream list costs the
// same at 1,000 or 10,000,000 events. Without one, summaries are aggregated from the events
// (GROUP BY over the whole table: correct, but O(events), and said so in the layout's notes).
import type { ListStreamsQuery, Page, StreamSummary } from '../../../shared/types.ts';
import { words } from '../../../shared/errorWords/index.ts';
import { LedgerError } from '../../errors.ts';
import { decodeCursor, encodeCursor } from '../../store/cursor.ts';
import { categoryOf } from '../../store/decode.ts';
import { pageLimit } from '../../store/limits.ts';
import { toIsoTime } from '../../store/time.ts';
import type { SqlExpr } from './layout.ts';
import { alwaysWhere, eventsOfStream, SqlParams, whereSql, type HintedLayout } from './pgFilters.ts';
import type { PgSession } from './pgSession.ts';

interface SummaryRow {
  sid: string;
  /** Sort key of lastActivity (epoch ms) and of count. */
  act: number;
  cnt: number;
  arch: boolean | null;
  fp: number | null;
  fms: number | null;
  lp: number | null;
  lms: number | null;
  lv: number | null;
}

/** SQL of a stream id's category (the text before the first '-', '' when none), like categoryOf. */
export const categorySql = (sid: SqlExpr) => `(CASE WHEN strpos(${sid}, '-') > 1 THEN left(${sid}, strpos(${sid}, '-') - 1) ELSE '' END)`;

export function createPgStreams(session: PgSession, layout: HintedLayout) {
  const c = layout.columns;
  const e = `${layout.eventsTable} e`;
  const always = alwaysWhere(layout);
  const hints = layout.hints ?? {};

  /** The streams as a relation `s` with _sid, _act, _cnt, _arch (+ _fp … when aggregated from events); `extra` narrows it. */
  function source(extra: string[] = []): string {
    const st = layout.streams;
    if (st) {
      const where = whereSql([...(hints.streamFilter ? [`(${hints.streamFilter})`] : []), ...extra]);
      const count = hints.streamVersion ?? `(SELECT count(*) FROM ${e} WHERE ${[st.joinEvents, ...always].join(' AND ')})`;
      const activity =
        hints.streamLastActivityMs ?? `(SELECT ${c.recordedAtMs} FROM ${e} WHERE ${[st.joinEvents, ...always].join(' AND ')} ORDER BY ${c.version} DESC LIMIT 1)`;
      const sql = `SELECT s.*, ${st.streamId} AS _sid, (${activity})::float8 AS _act, (${count})::float8 AS _cnt, ${st.archived ?? 'NULL::boolean'} AS _arch FROM ${st.table} s ${where}`;
      return sql;
    }
    const sql = `SELECT ${c.streamId} AS _sid, max(${c.recordedAtMs})::float8 AS _act, count(*)::float8 AS _cnt, NULL::boolean AS _arch,
      min(${c.position})::float8 AS _fp, min(${c.recordedAtMs})::float8 AS _fms, max(${c.position})::float8 AS _lp, max(${c.version})::float8 AS _lv
      FROM ${e} ${whereSql([...always, ...extra])} GROUP BY 1`;
    return sql;
  }

  /** First and last event of each row of `page` (two probes of the (stream, version) index per stream). */
  function withEnds(page: string, order: string): string {
    const st = layout.streams;
    if (!st) {
      return `SELECT _sid AS sid, _act AS act, _cnt AS cnt, _arch AS arch, _fp AS fp, _fms AS fms, _lp AS lp, _act AS lms, _lv AS lv FROM (${page}) s ORDER BY ${order}`;
    }
    const join = [st.joinEvents, ...always].join(' AND ');
    return `SELECT s._sid AS sid, s._act AS act, s._cnt AS cnt, s._arch AS arch, f.p AS fp, f.ms AS fms, l.p AS lp, l.ms AS lms, l.v AS lv FROM (${page}) s
      LEFT JOIN LATERAL (SELECT (${c.position})::float8 AS p, (${c.recordedAtMs})::float8 AS ms FROM ${e} WHERE ${join} ORDER BY ${c.version} ASC LIMIT 1) f ON true
      LEFT JOIN LATERAL (SELECT (${c.position})::float8 AS p, (${c.recordedAtMs})::float8 AS ms, (${c.version})::float8 AS v FROM ${e} WHERE ${join} ORDER BY ${c.version} DESC LIMIT 1) l ON true
      ORDER BY ${order}`;
  }

  const toSummary = (r: SummaryRow): StreamSummary => {
    const summary: StreamSummary = {
      streamId: r.sid,
      category: categoryOf(r.sid),
      version: r.lv ?? 0,
      eventCount: r.cnt,
      firstPosition: r.fp ?? 0,
      lastPosition: r.lp ?? 0,
      firstRecordedAt: toIsoTime(r.fms),
      lastRecordedAt: toIsoTime(r.lms),
    };
    if (r.arch) summary.archived = true;
    return summary;
  };

  async function list(query: ListStreamsQuery = {}): Promise<Page<StreamSummary>> {
    const limit = pageLimit(query.limit, 100);
    const sort = query.sort ?? 'lastActivity';
    if (sort !== 'id' && sort !== 'lastActivity' && sort !== 'count') throw new LedgerError('INVALID_INPUT', words('errorWords.page.unknownSort', { sort: String(sort) }));
    const params = new SqlParams();
    const where: string[] = [];
    if (query.prefix) where.push(`starts_with(s._sid, ${params.add(query.prefix)})`);
    if (query.category !== undefined) where.push(`${categorySql('s._sid')} = ${params.add(query.category)}`);
    if (query.search) where.push(`strpos(lower(s._sid), ${params.add(query.search.toLowerCase())}) > 0`);
    const key = sort === 'count' ? 's._cnt' : 's._act';
    if (sort === 'id') {
      if (query.after) where.push(`s._sid > ${params.add(decodeCursor(query.after, ['string'])[0])}`);
    } else if (query.after) {
      const [afterKey, afterId] = decodeCursor(query.after, ['number', 'string']);
      const k = params.add(afterKey);
      where.push(`(${key} < ${k} OR (${key} = ${k} AND s._sid > ${params.add(afterId)}))`);
    }
    const order = sort === 'id' ? 's._sid' : `${key} DESC, s._sid`;
    const page = `SELECT * FROM (${source()}) s ${whereSql(where)} ORDER BY ${order} LIMIT ${params.add(limit + 1)}`;
    const rows = await session.query<SummaryRow>(withEnds(page, order.replaceAll('s._', '')), params.values);
    const more = rows.length > limit;
    if (more) rows.pop();
    const last = rows[rows.length - 1];
    const next = more && last ? encodeCursor(sort === 'id' ? [last.sid] : [sort === 'count' ? last.cnt : last.act, last.sid]) : null;
    // A streams-table row with no events of the audited system (none should exist) is not a stream.
    return { items: rows.filter((r) => r.lv !== null).map(toSummary), next };
  }

  async function get(streamId: string): Promise<StreamSummary | null> {
    const params = new SqlParams();
    const p = params.add(streamId);
    const match = layout.streams ? (hints.streamRow?.(p) ?? `${layout.streams.streamId} = ${p}`) : eventsOfStream(layout, p);
    const page = `SELECT * FROM (${source([match])}) s`;
    const rows = await session.query<SummaryRow>(withEnds(page, 'sid'), params.values);
    const row = rows[0];
    return row && row.lv !== null ? toSummary(row) : null;
  }

  /** Streams and events per category (events from the streams table's versions when it has them). */
  async function categories(): Promise<{ category: string; streams: number; events: number }[]> {
    const rows = await session.query<{ category: string; streams: number; events: number }>(
      `SELECT ${categorySql('s._sid')} AS category, count(*)::float8 AS streams, sum(s._cnt)::float8 AS events FROM (${source()}) s WHERE s._cnt > 0 GROUP BY 1 ORDER BY 3 DESC, 1`,
    );
    return rows;
  }

  return { list, get, categories };
}
