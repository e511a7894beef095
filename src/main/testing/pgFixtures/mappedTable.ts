// A home-grown events table for tests, with names of its own, written with plain INSERTs:
//   audit.events_log(id bigserial, aggregate_id text, seq int, event_type text, payload jsonb,
//                    meta jsonb, created_at timestamptz, event_uuid uuid)
// Each batch is one transaction (created_at = its now()); `seqBase` chooses 0- or 1-based seq.
import type { ContractEvent } from '../../adapters/readerContract.ts';
import { withClient } from './emmettPostgres.ts';

export const EVENTS_LOG = { schema: 'audit', table: 'events_log' };

/** The CLI's --map arguments for audit.events_log. */
export const EVENTS_LOG_MAP = [
  'streamId=aggregate_id',
  'version=seq',
  'type=event_type',
  'data=payload',
  'metadata=meta',
  'time=created_at',
  'position=id',
  'eventId=event_uuid',
];

export async function writeMappedTable(url: string, data: { streamId: string; batches: ContractEvent[][] }[], options: { seqBase?: 0 | 1 } = {}): Promise<void> {
  const base = options.seqBase ?? 1;
  await withClient(url, async (client) => {
    await client.query(`
      CREATE SCHEMA IF NOT EXISTS audit;
      CREATE TABLE IF NOT EXISTS audit.events_log (
        id bigserial PRIMARY KEY,
        aggregate_id text NOT NULL,
        seq int NOT NULL,
        event_type text NOT NULL,
        payload jsonb NOT NULL,
        meta jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        event_uuid uuid NOT NULL DEFAULT gen_random_uuid(),
        UNIQUE (aggregate_id, seq)
      )`);
    for (const { streamId, batches } of data) {
      let seq = base;
      for (const batch of batches) {
        await client.query('BEGIN');
        for (const event of batch) {
          await client.query('INSERT INTO audit.events_log (aggregate_id, seq, event_type, payload, meta) VALUES ($1, $2, $3, $4, $5)', [
            streamId,
            seq++,
            event.type,
            JSON.stringify(event.data),
            event.metadata ? JSON.stringify(event.metadata) : null,
          ]);
        }
        await client.query('COMMIT');
      }
    }
  });
}

/** audit.events_log with `events` rows over `streams` streams (INSERT … SELECT), for plan checks. */
export async function writeMappedTableBulk(url: string, options: { streams: number; events: number }): Promise<void> {
  await writeMappedTable(url, []);
  await withClient(url, (client) =>
    client.query(
      `INSERT INTO audit.events_log (aggregate_id, seq, event_type, payload, meta)
       SELECT 'bulk-' || (g % $2 + 1), (g - 1) / $2 + 1, 'BulkAdded', jsonb_build_object('n', g), jsonb_build_object('actor', 'user-' || (g % 7))
       FROM generate_series(1, $1::int) g ORDER BY g`,
      [options.events, options.streams],
    ),
  );
}
