// Reads the cached dataset back as the rows an append row writes, batch by batch, so the input of
// every contender is the same events in the same order and never all in memory at once.
import Database from 'better-sqlite3';

export interface SourceRow {
  position: number;
  eventId: string;
  streamId: string;
  version: number;
  type: string;
  data: string;
  metadata: string;
  recordedAt: number;
  actor: string | null;
  correlationId: string | null;
  causationId: string | null;
}

type Row = [number, string, string, number, string, string, string, number, string | null, string | null, string | null];

/** Events fromPosition .. fromPosition + count - 1 of `file`, in position order, `batch` at a time. */
export function* sourceBatches(file: string, fromPosition: number, count: number, batch: number): Generator<SourceRow[]> {
  const db = new Database(file, { readonly: true });
  try {
    const statement = db
      .prepare(
        `SELECT position, event_id, stream_id, version, type, data, metadata, recorded_at, actor, correlation_id, causation_id
         FROM events WHERE position >= ? AND position < ? ORDER BY position LIMIT ?`,
      )
      .raw(true);
    const end = fromPosition + count;
    for (let from = fromPosition; from < end; ) {
      const rows = statement.all(from, end, batch) as Row[];
      if (rows.length === 0) return;
      yield rows.map((r) => ({
        position: r[0],
        eventId: r[1],
        streamId: r[2],
        version: r[3],
        type: r[4],
        data: r[5],
        metadata: r[6],
        recordedAt: r[7],
        actor: r[8],
        correlationId: r[9],
        causationId: r[10],
      }));
      from = rows[rows.length - 1][0] + 1;
    }
  } finally {
    db.close();
  }
}
