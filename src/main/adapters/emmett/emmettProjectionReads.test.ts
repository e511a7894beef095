// What user projections read from an Emmett SQLite file beyond the contract: each event's metadata
// as Emmett stored it (its own keys beside the application's), only when asked, and the read models
// kept in the same file, without Emmett's own tables.
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import path from 'node:path';
import { collect } from '../../store/asyncReader.ts';
import { writeEmmettFile } from '../../testing/emmettFile.ts';
import { tempDir } from '../../testing/tempFiles.ts';
import { openForViewing } from '../openForViewing.ts';

const dir = tempDir('emmett-projection-reads');

describe('Emmett SQLite reads for user projections', () => {
  it('replays with Emmett\'s stored metadata only when asked, and lists read models without Emmett\'s tables', async () => {
    const file = path.join(dir, 'emmett.db');
    await writeEmmettFile(file, [
      ['acct-1', [{ type: 'Opened', data: { owner: 'ada' }, metadata: { actor: 'alice', tenant: 'eu' } }, { type: 'Deposited', data: { amount: 5 } }]],
      ['acct-2', [{ type: 'Opened', data: { owner: 'bo' } }]],
    ]);
    const db = new Database(file);
    try {
      db.exec(`CREATE TABLE account_view (id TEXT PRIMARY KEY, doc TEXT); INSERT INTO account_view VALUES ('acct-1', '{"owner":"ada","balance":5}')`);
    } finally {
      db.close();
    }
    const store = openForViewing(file);
    try {
      expect(store.info.format).toBe('emmett');
      const plain = await collect(store.replayChunks('acct-1', 1, 2));
      expect(plain.some((e) => 'metadata' in e || 'skipped' in e)).toBe(false);
      const full = await collect(store.replayChunks('acct-1', 1, 2, { withMetadata: true }));
      expect(full.map(({ metadata: _m, ...rest }) => rest)).toEqual(plain);
      // Emmett keeps its own keys (message id, stream name, positions) beside the application's.
      expect(full[0].metadata).toMatchObject({ actor: 'alice', tenant: 'eu' });
      expect(full[1].metadata).toBeTypeOf('object');
      expect((full[1].metadata as Record<string, unknown>).actor).toBeUndefined();
      expect(full[0].metadata).toEqual((await store.getEvent(full[0].position)).metadata);

      const tables = await store.listTables!();
      expect(tables).toEqual([{ name: 'account_view', columns: [{ name: 'id', type: 'TEXT' }, { name: 'doc', type: 'TEXT' }], rows: 1 }]);
      expect(await store.readTableRow!('account_view', 'id', 'acct-1', ['doc'])).toEqual({ doc: { owner: 'ada', balance: 5 } });
      await expect(store.readTableRow!('emt_messages', 'stream_id', 'acct-1', ['message_data'])).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('account_view') });
    } finally {
      await store.close();
    }
  });
});
