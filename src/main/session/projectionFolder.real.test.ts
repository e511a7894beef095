// The session with the real folder catalog and a declarative projection (rules, no sandbox): the
// file's state on a cart, and saving a changed file re-creates the engine (hot reload through the
// catalog's own folder watch), the views are told, and the other projections keep their snapshots.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ProjectionFolderView } from '../../shared/contract.ts';
import { openStore } from '../store/openStore.ts';
import { tempDir } from '../testing/tempFiles.ts';
import { createSession } from './session.ts';

const rules = (label: string) =>
  JSON.stringify({
    name: 'cart-lines',
    version: 1,
    appliesTo: { categories: ['cart'] },
    initialState: { label, lines: 0 },
    on: { ItemAdded: [{ increment: 'lines', by: 1 }] },
  });

async function until<T>(read: () => T | undefined, what: string): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() - started > 5000) throw new Error(`Gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('projections folder with the real catalog', () => {
  it('folds a declarative file of the folder and hot reloads it when saved', async () => {
    const dir = tempDir('projection-folder-real');
    const file = path.join(dir, 'store.db');
    const writer = openStore(file, { readonly: false, create: true });
    writer.append('cart-1', [
      { type: 'ItemAdded', data: { sku: 'A', quantity: 1, unitPrice: 3 } },
      { type: 'ItemAdded', data: { sku: 'B', quantity: 2, unitPrice: 1 } },
    ]);
    writer.append('counter-1', [{ type: 'increment', data: { amount: 2 } }]);
    // Long enough for snapshots (one every 500 events): a hot reload drops the edited module's only.
    writer.append('cart-2', Array.from({ length: 600 }, (_, i) => ({ type: 'ItemAdded', data: { sku: `S${i}`, quantity: 1, unitPrice: 1 } })));
    writer.append('counter-2', Array.from({ length: 600 }, () => ({ type: 'increment', data: { amount: 1 } })));
    writer.close();
    const folder = path.join(dir, 'projections');
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, 'lines.projection.json'), rules('first'));

    const session = createSession({ paths: { config: path.join(dir, 'config'), cache: path.join(dir, 'cache'), exports: path.join(dir, 'exports') }, tailIntervalMs: 0 });
    try {
      await session.open(file);
      const view = await session.setProjectionFolder(folder);
      expect(view).toMatchObject({ folder, problem: null, modules: [{ file: 'lines.projection.json', kind: 'declarative', name: 'cart-lines', error: null }] });
      const first = await session.require().engine.stateAt('cart-1', { version: 2 });
      expect(first.state).toEqual({ label: 'first', lines: 2 });
      expect(first.projection.origin).toMatchObject({ kind: 'declarative', file: 'lines.projection.json' });
      await session.require().engine.stateAt('counter-1', { version: 1 });
      await session.require().engine.stateAt('cart-2', { version: 600 });
      await session.require().engine.stateAt('counter-2', { version: 600 });
      const cache = session.require().engine.cache;
      expect(cache.size().streams).toBe(2);

      const told: ProjectionFolderView[] = [];
      session.onProjectionsChanged((changed) => told.push(changed));
      fs.writeFileSync(path.join(folder, 'lines.projection.json'), rules('second'));
      await until(() => (told.length > 0 ? told : undefined), 'the hot reload');
      const engine = session.require().engine;
      expect(engine.cache).toBe(cache);
      expect(cache.size().streams).toBe(1); // the counter's snapshots stay, the old rules' are gone
      expect((await engine.stateAt('counter-2', { version: 600 })).startedFrom).toBe(500);
      expect((await engine.stateAt('cart-1', { version: 2 })).state).toEqual({ label: 'second', lines: 2 });
      expect((await engine.stateAt('counter-1', { version: 1 })).state).toBe(2);
    } finally {
      await session.close();
    }
  });
});
