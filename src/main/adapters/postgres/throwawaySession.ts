// THROWAWAY (tests only, until connection.ts from branch i10-conn lands): a minimal PgSession over
// a pg Pool, read-only at the server, with pg-cursor chunks and pg_cancel_backend on abort.
import pg from 'pg';
import Cursor from 'pg-cursor';
import { CancelledError } from '../../errors.ts';
import type { ReadOptions } from '../../store/eventStore.ts';
import type { PgSession } from './pgSession.ts';

export function throwawaySession(url: string): PgSession {
  const pool = new pg.Pool({ connectionString: url, max: 4, options: '-c default_transaction_read_only=on -c statement_timeout=60000' });
  const cancel = (pid: number) => pool.query('SELECT pg_cancel_backend($1)', [pid]).catch(() => undefined);
  return {
    displayUrl: url.replace(/:[^:@/]*@/, '@'),
    async query<Row>(sql: string, params: unknown[] = [], options: ReadOptions = {}): Promise<Row[]> {
      if (options.signal?.aborted) throw new CancelledError('The query');
      const client = await pool.connect();
      const onAbort = () => void cancel((client as unknown as { processID: number }).processID);
      options.signal?.addEventListener('abort', onAbort);
      try {
        return (await client.query(sql, params)).rows as Row[];
      } catch (error) {
        if (options.signal?.aborted) throw new CancelledError('The query');
        throw error;
      } finally {
        options.signal?.removeEventListener('abort', onAbort);
        client.release();
      }
    },
    async *cursor<Row>(sql: string, params: unknown[] = [], options: ReadOptions & { chunkSize?: number } = {}): AsyncGenerator<Row[]> {
      const client = await pool.connect();
      const pid = (client as unknown as { processID: number }).processID;
      const onAbort = () => void cancel(pid);
      options.signal?.addEventListener('abort', onAbort);
      let broken = false;
      try {
        await client.query('BEGIN READ ONLY');
        const cursor = client.query(new Cursor<Row>(sql, params));
        try {
          for (;;) {
            const rows = await cursor.read(options.chunkSize ?? 2000);
            if (rows.length === 0) break;
            yield rows;
          }
        } finally {
          await cursor.close().catch(() => undefined);
        }
        await client.query('COMMIT');
      } catch (error) {
        broken = true;
        if (options.signal?.aborted) throw new CancelledError('The read');
        throw error;
      } finally {
        options.signal?.removeEventListener('abort', onAbort);
        if (!broken) await client.query('ROLLBACK').catch(() => undefined);
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}
