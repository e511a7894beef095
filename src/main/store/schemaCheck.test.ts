// Schema validation on open (our format and Emmett's), and one message for a path that is a
// symlink loop whichever command meets it.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openForViewing } from '../adapters/openForViewing.ts';
import { previewImport } from '../import/previewImport.ts';
import { tempDir } from '../testing/tempFiles.ts';
import { verify } from '../verify/verify.ts';
import { inspectSqliteFile } from './fileChecks.ts';
import { openStore } from './openStore.ts';
import { ledgerRequiredColumns } from './schemaCheck.ts';
import { writeEmmettFile } from '../testing/emmettFile.ts';

const dir = tempDir('schema-check');

function nativeStore(name: string, damage?: string): string {
  const file = path.join(dir, name);
  const store = openStore(file, { readonly: false, create: true });
  store.append('cart-1', [{ type: 'ItemAdded', data: { sku: 'A' } }]);
  store.close();
  if (damage) {
    const db = new Database(file);
    db.exec(damage);
    db.close();
  }
  return file;
}

describe('schema validation on open', () => {
  it('knows every column of our own schema', () => {
    expect(ledgerRequiredColumns().events).toEqual(expect.arrayContaining(['position', 'event_id', 'data', 'prev_hash', 'hash', 'causation_id']));
    expect(Object.keys(ledgerRequiredColumns()).sort()).toEqual(['event_types', 'events', 'ledger_head', 'streams']);
  });

  it('a native store with a renamed column or a missing table is NOT_AN_EVENT_STORE naming them, read-only or writable', async () => {
    const renamed = nativeStore('renamed.db', 'ALTER TABLE events RENAME COLUMN recorded_at TO at; ALTER TABLE streams DROP COLUMN time_ordered');
    for (const open of [() => openStore(renamed), () => openStore(renamed, { readonly: false }), () => openForViewing(renamed)]) {
      expect(open).toThrow(expect.objectContaining({ code: 'NOT_AN_EVENT_STORE', message: expect.stringMatching(/table events lacks column recorded_at; table streams lacks column time_ordered\.$/) }));
    }
    await expect(verify(renamed)).rejects.toMatchObject({ code: 'NOT_AN_EVENT_STORE' });
    const noTypes = nativeStore('no-types.db', 'DROP TABLE event_types');
    expect(() => openStore(noTypes)).toThrow(expect.objectContaining({ code: 'NOT_AN_EVENT_STORE', message: expect.stringMatching(/no event_types table/) }));
    openStore(nativeStore('fine.db')).close();
  });

  it('an Emmett store without a column the adapter reads is NOT_AN_EVENT_STORE naming it', async () => {
    const file = path.join(dir, 'emmett.db');
    await writeEmmettFile(file, [
      ['cart-1', [{ type: 'ItemAdded', data: { sku: 'A' } }]],
    ]);
    openForViewing(file).close();
    const db = new Database(file);
    db.exec('ALTER TABLE emt_messages RENAME COLUMN message_kind TO kind');
    db.close();
    expect(() => openForViewing(file)).toThrow(
      expect.objectContaining({ code: 'NOT_AN_EVENT_STORE', message: expect.stringMatching(/looks like an Emmett event store .*table emt_messages lacks column message_kind/) }),
    );
  });
});

describe('a symlink loop', () => {
  it('gives one code and one message in every command that opens a path', async () => {
    const loop = path.join(dir, 'loop.db');
    fs.symlinkSync(path.join(dir, 'loop-b.db'), loop);
    fs.symlinkSync(loop, path.join(dir, 'loop-b.db'));
    const expected = { code: 'IO_ERROR', message: `${loop} cannot be opened: its symbolic links form a loop.` };
    expect(() => openStore(loop)).toThrow(expect.objectContaining(expected));
    expect(() => openStore(loop, { readonly: false, create: true })).toThrow(expect.objectContaining(expected));
    expect(() => openForViewing(loop)).toThrow(expect.objectContaining(expected));
    expect(() => inspectSqliteFile(loop)).toThrow(expect.objectContaining(expected));
    await expect(verify(loop)).rejects.toMatchObject(expected);
    await expect(previewImport(loop)).rejects.toMatchObject(expected);
    await expect(previewImport(loop, { format: 'csv' })).rejects.toMatchObject(expected);
  });
});
