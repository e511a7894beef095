import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStoreTarget } from '../adapters/openStoreTarget.ts';
import { storeKeyOf, type StoreKey } from '../evidence/storeKey.ts';
import { createViewerRecords } from '../activity/viewerRecords.ts';
import { tempDir, tempStore } from '../testing/tempFiles.ts';
import { cartStory } from '../testing/cartStory.ts';

const key = (n: number): StoreKey => ({ key: String(n).repeat(64).slice(0, 64).replace(/[^0-9a-f]/g, 'a'), label: `store ${n}`, storeId: null });
const eventTarget = { kind: 'event' as const, eventId: 'e-1', position: 3, streamId: 'cart-1', version: 3 };

describe('case notes', () => {
  it('adds, edits, removes and lists notes, and survives a new instance (kept on disk)', () => {
    const home = tempDir('notes');
    const records = createViewerRecords({ home, user: 'auditor' });
    const store = key(1);
    const a = records.notes.add(store, eventTarget, '  refund issued twice here  ');
    const b = records.notes.add(store, { kind: 'state', streamId: 'cart-1', version: 5 }, 'total is wrong from here');
    expect(a).toMatchObject({ text: 'refund issued twice here', author: 'auditor', storeKey: store.key, target: eventTarget });
    const edited = records.notes.edit(store, b.id, 'total wrong from v5');
    expect(edited.text).toBe('total wrong from v5');
    const again = createViewerRecords({ home, user: 'other' });
    expect(again.notes.list(store.key).map((n) => n.text)).toEqual(['refund issued twice here', 'total wrong from v5']);
    again.notes.remove(store, a.id);
    expect(records.notes.list(store.key).map((n) => n.id)).toEqual([b.id]);
    const exported = JSON.parse(records.notes.exportJson(store));
    expect(exported).toMatchObject({ format: 'replay-ledger-notes', store: { key: store.key, label: 'store 1' }, notes: [{ id: b.id, text: 'total wrong from v5' }] });
    // The notes file is the viewer's, under the ledger home.
    expect(records.notes.fileOf(store.key).startsWith(path.resolve(home))).toBe(true);
  });

  it('records note actions in the activity log', () => {
    const records = createViewerRecords({ home: tempDir('notes-activity') });
    const store = key(2);
    const note = records.notes.add(store, eventTarget, 'look here');
    records.notes.edit(store, note.id, 'look there');
    records.notes.remove(store, note.id);
    const actions = records.activity.list({ storeKey: store.key }).entries.map((e) => [e.action, e.details.noteId]);
    expect(actions).toEqual([
      ['note.removed', note.id],
      ['note.edited', note.id],
      ['note.added', note.id],
    ]);
    expect(records.activity.verify().ok).toBe(true);
  });

  it('refuses empty text and unknown notes', () => {
    const records = createViewerRecords({ home: tempDir('notes-refuse') });
    expect(() => records.notes.add(key(3), eventTarget, '   ')).toThrow(/needs some text/);
    expect(() => records.notes.edit(key(3), 'nope', 'x')).toThrow(/no note 'nope'/);
  });

  it('reports a damaged notes file and never overwrites it', () => {
    const records = createViewerRecords({ home: tempDir('notes-damaged') });
    const store = key(4);
    records.notes.add(store, eventTarget, 'first');
    const file = records.notes.fileOf(store.key);
    fs.writeFileSync(file, '{"format":"replay-ledger-notes", "notes": [ {"id": ');
    const damaged = fs.readFileSync(file, 'utf8');
    expect(records.notes.read(store.key).problem).toMatch(/is damaged.*kept as it is/);
    expect(() => records.notes.add(store, eventTarget, 'second')).toThrow(expect.objectContaining({ code: 'CORRUPT' }));
    expect(() => records.notes.list(store.key)).toThrow(/damaged/);
    expect(fs.readFileSync(file, 'utf8')).toBe(damaged);
  });

  it('keys notes by store: two stores do not see each other, a copy of our store (same store_id) does', async () => {
    const dir = tempDir('notes-stores');
    const one = tempStore(dir);
    one.append('cart-1', cartStory(Date.UTC(2026, 0, 1)));
    const two = tempStore(dir);
    two.append('cart-1', cartStory(Date.UTC(2026, 0, 1)));
    one.close();
    two.close();
    const copy = path.join(dir, 'copy-of-one.db');
    fs.copyFileSync(one.info.path, copy);
    const keys = await Promise.all([one.info.path, two.info.path, copy].map(async (file) => {
      const reader = await openStoreTarget(file);
      try {
        return storeKeyOf(reader);
      } finally {
        await reader.close();
      }
    }));
    const [k1, k2, kCopy] = keys;
    expect(k1.key).not.toBe(k2.key);
    // By design: the copy carries the same store_id, so it is the same history and shares its notes.
    expect(kCopy.key).toBe(k1.key);
    const records = createViewerRecords({ home: tempDir('notes-keyed') });
    records.notes.add(k1, eventTarget, 'on store one');
    expect(records.notes.list(k2.key)).toEqual([]);
    expect(records.notes.list(kCopy.key).map((n) => n.text)).toEqual(['on store one']);
  });

  it('loses no note when two processes add at once', async () => {
    const home = tempDir('notes-concurrent');
    const store = key(5);
    const script = path.join(import.meta.dirname, 'addMany.fixture.ts');
    const run = (tag: string) => new Promise<number | null>((resolve) => spawn(process.execPath, [script, home, store.key, '25', tag], { stdio: 'inherit' }).once('exit', resolve));
    expect(await Promise.all([run('cli'), run('app')])).toEqual([0, 0]);
    const records = createViewerRecords({ home });
    expect(new Set(records.notes.list(store.key).map((n) => n.text)).size).toBe(50);
    const verdict = records.activity.verify();
    expect(verdict).toMatchObject({ ok: true, entries: 50 });
  });
});
