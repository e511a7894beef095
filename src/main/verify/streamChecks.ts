// Pass 2: events in (stream_id, version) order over the UNIQUE (stream_id, version) index. Each
// stream's versions must run 1..n with no gap or duplicate and in position order, and its streams
// row must say exactly what its events say. Then a pass over the streams table finds rows that have
// no events at all. Only one stream's tally is held at a time.
import { words } from '../../shared/errorWords/index.ts';
import type { VerifyFinding } from '../../shared/verify.ts';
import { categoryOf } from '../store/decode.ts';
import { said, sentenceOf } from './said.ts';
import { createPageSizer, type WalkContext } from './walkContext.ts';

const PAGE = 4000;

interface Tally {
  streamId: string;
  count: number;
  lastVersion: number;
  lastPosition: number;
  firstPosition: number;
  firstAt: number;
  lastAt: number;
  timeOrdered: number;
}

type SummaryRow = [string, number, number, number, number, number, number, number];

export async function checkStreams(ctx: WalkContext): Promise<{ streams: number }> {
  const { db, sink } = ctx;
  const page = db
    .prepare('SELECT stream_id, version, position, recorded_at FROM events WHERE (stream_id, version) > (?, ?) ORDER BY stream_id, version LIMIT ?')
    .raw(true);
  const summary = db
    .prepare(
      'SELECT category, version, event_count, first_position, last_position, first_recorded_at, last_recorded_at, time_ordered FROM streams WHERE stream_id = ?',
    )
    .raw(true);
  let streams = 0;
  let tally: Tally | null = null;

  const finishStream = (t: Tally) => {
    streams++;
    const row = summary.get(t.streamId) as SummaryRow | undefined;
    if (!row) {
      sink.add({
        kind: 'summary-mismatch',
        check: 'streams-summary',
        position: t.firstPosition,
        streamId: t.streamId,
        ...said(words('errorWords.finding.streamRowMissing', { streamId: t.streamId, events: t.count })),
      });
      return;
    }
    const actual: Record<string, string | number> = {
      category: categoryOf(t.streamId),
      version: t.lastVersion,
      event_count: t.count,
      first_position: t.firstPosition,
      last_position: t.lastPosition,
      first_recorded_at: t.firstAt,
      last_recorded_at: t.lastAt,
      time_ordered: t.timeOrdered,
    };
    const names = Object.keys(actual);
    const wrong = names.filter((name, i) => row[i] !== actual[name]);
    if (wrong.length === 0) return;
    // Each a column and its value, as stored: no words of ours.
    const rowSays = wrong.map((name) => `${name} ${JSON.stringify(row[names.indexOf(name)])}`);
    const eventsSay = wrong.map((name) => `${name} ${JSON.stringify(actual[name])}`);
    sink.add({
      kind: 'summary-mismatch',
      check: 'streams-summary',
      position: null,
      streamId: t.streamId,
      ...said(words('errorWords.finding.streamRowDiffers', { streamId: t.streamId, said: { list: rowSays }, truth: { list: eventsSay } })),
      expected: rowSays.join(', '),
      actual: eventsSay.join(', '),
      details: Object.fromEntries(wrong.map((name) => [name, String(row[names.indexOf(name)])])),
    });
  };

  let key: [string, number] = ['', Number.MIN_SAFE_INTEGER];
  // '' sorts first, but a stream id of '' is possible in a foreign file: start below every text.
  let first = true;
  const firstPage = db.prepare('SELECT stream_id, version, position, recorded_at FROM events ORDER BY stream_id, version LIMIT ?').raw(true);
  const sizer = createPageSizer(PAGE);
  for (;;) {
    const started = performance.now();
    const rows = (first ? firstPage.all(sizer.size) : page.all(key[0], key[1], sizer.size)) as [string, number, number, number][];
    first = false;
    if (rows.length === 0) break;
    for (const [streamId, version, position, recordedAt] of rows) {
      if (!tally || tally.streamId !== streamId) {
        if (tally) finishStream(tally);
        if (version !== 1) versionGap(ctx, streamId, 1, version - 1, null, position);
        tally = { streamId, count: 1, lastVersion: version, firstPosition: position, lastPosition: position, firstAt: recordedAt, lastAt: recordedAt, timeOrdered: 1 };
        continue;
      }
      if (version === tally.lastVersion) {
        sink.add({
          kind: 'inserted',
          check: 'stream-versions',
          position,
          streamId,
          version,
          ...said(words('errorWords.finding.streamVersionTwice', { streamId, version, first: tally.lastPosition, second: position })),
        });
      } else if (version > tally.lastVersion + 1) {
        versionGap(ctx, streamId, tally.lastVersion + 1, version - 1, tally.lastPosition, position);
      }
      if (position < tally.lastPosition) reorderedInStream(ctx, streamId, version, position, tally.lastPosition);
      if (recordedAt < tally.lastAt) tally.timeOrdered = 0;
      tally.count++;
      tally.lastVersion = version;
      tally.lastPosition = position;
      tally.lastAt = recordedAt;
    }
    const last = rows[rows.length - 1];
    key = [last[0], last[1]];
    ctx.tick(rows.length);
    sizer.took(performance.now() - started);
    await ctx.pause();
  }
  if (tally) finishStream(tally);
  await streamsWithoutEvents(ctx);
  return { streams };
}

/** A missing version is a deleted event; attach it to the chain's deletion finding when one lies between. */
function versionGap(ctx: WalkContext, streamId: string, from: number, to: number, before: number | null, after: number): void {
  const versions = from === to ? words('errorWords.finding.version', { version: from }) : words('errorWords.finding.versions', { from, to });
  for (const finding of ctx.sink.recent('chain', 'deleted')) {
    const p = finding.position as number;
    if (finding.streamId === undefined && p > (before ?? 0) && p < after) {
      finding.streamId = streamId;
      finding.version = from;
      Object.assign(finding, said(words('errorWords.finding.deletedWasInStream', { finding: sentenceOf(finding), versions, streamId })));
      return;
    }
  }
  ctx.sink.add({
    kind: 'deleted',
    check: 'stream-versions',
    position: null,
    streamId,
    version: from,
    ...said(
      before === null
        ? words('errorWords.finding.streamVersionsMissing', { streamId, versions })
        : words('errorWords.finding.streamVersionsMissingBetween', { streamId, versions, before, after }),
    ),
    details: { fromVersion: from, toVersion: to },
  });
}

function reorderedInStream(ctx: WalkContext, streamId: string, version: number, position: number, previous: number): void {
  const covered = (f: VerifyFinding) => f.position !== null && position >= f.position && position <= (f.toPosition ?? f.position);
  for (const finding of ctx.sink.recent('chain', 'reordered')) if (covered(finding)) return;
  for (const finding of ctx.sink.recent('chain', 'inserted')) if (covered(finding)) return;
  ctx.sink.add({
    kind: 'reordered',
    check: 'stream-versions',
    position,
    streamId,
    version,
    ...said(words('errorWords.finding.streamVersionBefore', { version, streamId, position, previousVersion: version - 1, previous })),
  });
}

async function streamsWithoutEvents(ctx: WalkContext): Promise<void> {
  const { db, sink } = ctx;
  const statement = db
    .prepare('SELECT stream_id, EXISTS (SELECT 1 FROM events e WHERE e.stream_id = s.stream_id) FROM streams s WHERE stream_id > ? ORDER BY stream_id LIMIT ?')
    .raw(true);
  const firstPage = db
    .prepare('SELECT stream_id, EXISTS (SELECT 1 FROM events e WHERE e.stream_id = s.stream_id) FROM streams s ORDER BY stream_id LIMIT ?')
    .raw(true);
  let after: string | null = null;
  const sizer = createPageSizer(PAGE);
  for (;;) {
    const started = performance.now();
    const rows = (after === null ? firstPage.all(sizer.size) : statement.all(after, sizer.size)) as [string, number][];
    if (rows.length === 0) return;
    for (const [streamId, hasEvents] of rows) {
      if (hasEvents) continue;
      sink.add({
        kind: 'summary-mismatch',
        check: 'streams-summary',
        position: null,
        streamId,
        ...said(words('errorWords.finding.streamWithoutEvents', { streamId })),
      });
    }
    after = rows[rows.length - 1][0];
    ctx.tick(rows.length);
    sizer.took(performance.now() - started);
    await ctx.pause();
  }
}
