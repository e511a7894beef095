// The open store's projections folder in the session: remembered per store in the viewer's config
// folder (never beside the store), loaded at opening, a module applying ahead of the built-ins, a
// saved file re-creating the engine over the same snapshot cache, closed with the store or when the
// folder changes; a folder that cannot be read says why and leaves the store usable.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ProjectionFolderView } from '../../shared/contract.ts';
import { openStore } from '../store/openStore.ts';
import { createFakeCatalogs } from '../testing/fakeCatalog.ts';
import { tempDir } from '../testing/tempFiles.ts';
import { createSession } from './session.ts';

function setup() {
  const dir = tempDir('projection-folder');
  const stores = path.join(dir, 'stores');
  fs.mkdirSync(stores);
  const make = (name: string) => {
    const file = path.join(stores, name);
    const writer = openStore(file, { readonly: false, create: true });
    writer.append('cart-1', [{ type: 'ItemAdded', data: { sku: 'A', quantity: 1, unitPrice: 3 } }, { type: 'CheckedOut', data: {} }]);
    writer.append('counter-1', [{ type: 'increment', data: { amount: 2 } }]);
    writer.close();
    return file;
  };
  const folder = path.join(dir, 'projections');
  fs.mkdirSync(folder);
  const catalogs = createFakeCatalogs();
  const config = path.join(dir, 'config');
  const session = createSession({ paths: { config, cache: path.join(dir, 'cache'), exports: path.join(dir, 'exports') }, tailIntervalMs: 0, loadProjections: catalogs.load });
  return { dir, stores, make, folder, catalogs, config, session };
}

describe('projections folder of the open store', () => {
  it('applies a module of the folder ahead of the built-ins and remembers the folder per store, in the config folder', async () => {
    const { stores, make, folder, catalogs, config, session } = setup();
    const a = make('a.db');
    const b = make('b.db');
    await session.open(a);
    expect(session.projectionFolder()).toMatchObject({ folder: null, modules: [], problem: null });
    expect((await session.require().engine.stateAt('cart-1', { version: 2 })).projection.name).toBe('shopping-cart');

    const view = await session.setProjectionFolder(folder);
    expect(view).toMatchObject({ folder, watching: true, problem: null, modules: [{ file: 'shop.projection.js', name: 'shop-cart' }] });
    const state = await session.require().engine.stateAt('cart-1', { version: 2 });
    expect(state.projection).toMatchObject({ name: 'shop-cart', origin: { kind: 'module', file: 'shop.projection.js' } });
    expect(state.state).toEqual({ revision: 1, seen: ['ItemAdded', 'CheckedOut'] });
    // Streams the module does not apply to keep their built-in projection.
    expect((await session.require().engine.stateAt('counter-1', { version: 1 })).state).toBe(2);

    // Another store has its own (no) folder; the first one gets its folder back when reopened.
    await session.open(b);
    expect(session.projectionFolder().folder).toBeNull();
    expect(catalogs.loaded[0].closed).toBe(true);
    await session.open(a);
    expect(session.projectionFolder().folder).toBe(folder);
    expect(catalogs.loaded).toHaveLength(2);
    expect(catalogs.loaded[1].folder).toBe(folder);

    // Remembered in the viewer's config, nothing written beside the stores.
    expect(JSON.parse(fs.readFileSync(path.join(config, 'projection-folders.json'), 'utf8'))).toEqual([{ store: a, folder, setAt: expect.any(String) }]);
    expect(fs.readdirSync(stores).sort()).toEqual(['a.db', 'b.db']);

    // No folder: forgotten, the catalog closed, the built-ins back.
    expect(await session.setProjectionFolder(null)).toMatchObject({ folder: null, modules: [] });
    expect(catalogs.loaded[1].closed).toBe(true);
    expect((await session.require().engine.stateAt('cart-1', { version: 2 })).projection.name).toBe('shopping-cart');
    await session.open(b);
    await session.open(a);
    expect(session.projectionFolder().folder).toBeNull();
    await session.close();
  });

  it('re-creates the engine on a saved file over the same snapshot cache and tells the listeners', async () => {
    const { make, folder, catalogs, session } = setup();
    await session.open(make('a.db'));
    await session.setProjectionFolder(folder);
    const before = session.require().engine;
    const told: ProjectionFolderView[] = [];
    session.onProjectionsChanged((view) => told.push(view));

    catalogs.loaded[0].save();
    expect(told).toHaveLength(1);
    expect(told[0].modules[0].contentHash).toBe('rev2');
    const after = session.require().engine;
    expect(after).not.toBe(before);
    expect(after.cache).toBe(before.cache);
    expect((await after.stateAt('cart-1', { version: 1 })).state).toEqual({ revision: 2, seen: ['ItemAdded'] });

    // The reload button does the same through the catalog.
    await session.reloadProjections();
    expect(told).toHaveLength(2);
    expect((await session.require().engine.stateAt('cart-1', { version: 1 })).state).toMatchObject({ revision: 3 });
    expect(session.require().engine.cache).toBe(before.cache);

    // Closing the store closes the catalog and stops listening to it.
    await session.close();
    expect(catalogs.loaded[0]).toMatchObject({ closed: true, watchers: 0 });
  });

  it('refuses a folder that does not exist, keeping the current one; a remembered folder that went away is reported, the store still opens', async () => {
    const { dir, make, folder, catalogs, session } = setup();
    const a = make('a.db');
    await session.open(a);
    await session.setProjectionFolder(folder);
    await expect(session.setProjectionFolder(path.join(dir, 'nowhere'))).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
    await expect(session.setProjectionFolder(a)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(session.projectionFolder().folder).toBe(folder);
    expect(catalogs.loaded[0].closed).toBe(false);

    await session.close();
    fs.rmSync(folder, { recursive: true });
    const opened = await session.open(a);
    expect(opened.info.path).toBe(a);
    expect(session.projectionFolder()).toMatchObject({ folder, modules: [], problem: expect.stringContaining('could not be loaded') });
    expect((await session.require().engine.stateAt('cart-1', { version: 2 })).projection.name).toBe('shopping-cart');

    // It is back: reload finds it.
    fs.mkdirSync(folder);
    expect(await session.reloadProjections()).toMatchObject({ folder, problem: null, modules: [{ name: 'shop-cart' }] });
    expect((await session.require().engine.stateAt('cart-1', { version: 2 })).projection.name).toBe('shop-cart');
    await session.close();
  });

  it('needs an open store', async () => {
    const { session, folder } = setup();
    expect(() => session.projectionFolder()).toThrow(/No store is open/);
    await expect(session.setProjectionFolder(folder)).rejects.toMatchObject({ code: 'NO_STORE_OPEN' });
  });
});
