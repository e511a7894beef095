// The projection channels through the shared dispatch (validation → handler → Result): the folder
// of the open store, typed paths confined in Electron until the user confirms or main's dialog
// picked them, browser mode without a folder dialog, what-if and drift handed the open store, its
// engine and the validated query, the store's tables (empty for a reader that cannot list them).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { Handlers, ProjectionFolderView } from '../../../shared/contract.ts';
import type { Result } from '../../../shared/result.ts';
import type { TableInfo } from '../../../shared/types.ts';
import { openStore } from '../../store/openStore.ts';
import { createFakeCatalogs } from '../../testing/fakeCatalog.ts';
import { tempDir } from '../../testing/tempFiles.ts';
import { createSession } from '../../session/session.ts';
import { createDispatch } from '../dispatch.ts';
import type { Host } from './host.ts';
import { createPathGrants } from './pathGrants.ts';
import { openStoreTarget } from '../../adapters/openStoreTarget.ts';
import type { EventStoreReader } from '../../store/eventStore.ts';
import { createProjectionHandlers } from './projectionHandlers.ts';

const whatIfCalls = vi.hoisted(() => [] as unknown[][]);
vi.mock('../../replay/whatIf.ts', () => ({
  whatIf: async (...args: unknown[]) => {
    whatIfCalls.push(args);
    return { streamId: 'cart-1', version: 1 };
  },
}));
vi.mock('../../replay/drift.ts', () => ({
  driftCheck: async (...args: unknown[]) => {
    whatIfCalls.push(['drift', ...args]);
    return { streamId: 'cart-1', rowFound: false };
  },
}));

/** The store as the app reads it, with or without listTables (readers that cannot list say nothing). */
async function readerWith(target: string, tables: TableInfo[] | null): Promise<EventStoreReader> {
  const reader = await openStoreTarget(target);
  return new Proxy(reader, {
    get: (object, key, receiver) => (key === 'listTables' ? (tables ? async () => tables : undefined) : Reflect.get(object, key, receiver)),
  });
}

function setup(options: { confine: boolean; confirm?: boolean; chooseFolder?: string | null; tables?: TableInfo[] | null }) {
  const dir = tempDir('projection-handlers');
  const file = path.join(dir, 'store.db');
  const writer = openStore(file, { readonly: false, create: true });
  writer.append('cart-1', [{ type: 'ItemAdded', data: { sku: 'A', quantity: 1, unitPrice: 3 } }]);
  writer.close();
  const folder = path.join(dir, 'projections');
  fs.mkdirSync(folder);
  const catalogs = createFakeCatalogs();
  const confirmations: string[] = [];
  const session = createSession({
    paths: { config: path.join(dir, 'config'), cache: path.join(dir, 'cache'), exports: path.join(dir, 'exports') },
    tailIntervalMs: 0,
    loadProjections: catalogs.load,
    // A reader that can list its tables, as database readers do.
    open: options.tables !== undefined ? (target) => readerWith(target, options.tables ?? null) : undefined,
  });
  const host: Host = {
    mode: options.confine ? 'electron' : 'browser',
    version: '0.0.0-test',
    chooseOpenPath: async () => null,
    chooseSavePath: async () => null,
    ...(options.chooseFolder !== undefined ? { chooseFolder: async () => options.chooseFolder ?? null } : {}),
    confinesPaths: options.confine,
    confirmPath: async (target) => {
      confirmations.push(target);
      return options.confirm ?? false;
    },
  };
  const grants = createPathGrants({ confine: options.confine, trusted: () => [file], confirm: (target, purpose) => host.confirmPath(target, purpose) });
  const dispatch = createDispatch(createProjectionHandlers({ session, host, grants }) as unknown as Handlers);
  const call = async <T>(channel: string, input?: unknown) => (await dispatch(channel, input)) as Result<T>;
  return { dir, file, folder, session, call, confirmations, catalogs };
}

describe('projection channels', () => {
  it('sets, shows and reloads the folder of the open store (browser mode: typed paths)', async () => {
    const { file, folder, session, call, catalogs } = setup({ confine: false });
    expect(await call('projections/folder')).toMatchObject({ ok: false, error: { code: 'NO_STORE_OPEN' } });
    await session.open(file);
    expect(await call('projections/folder')).toEqual({ ok: true, value: { folder: null, modules: [], watching: false, problem: null } });
    const set = await call<ProjectionFolderView>('projections/setFolder', { folder });
    expect(set).toMatchObject({ ok: true, value: { folder, watching: true, modules: [{ name: 'shop-cart', appliesTo: 'categories: cart' }] } });
    expect(await call('projections/reload')).toMatchObject({ ok: true, value: { modules: [{ contentHash: 'rev2' }] } });
    expect(catalogs.loaded).toHaveLength(1);
    expect(await call('projections/setFolder', { folder: path.join(folder, 'missing') })).toMatchObject({ ok: false, error: { code: 'FILE_NOT_FOUND' } });
    expect(await call('projections/setFolder', { folder: null })).toMatchObject({ ok: true, value: { folder: null } });
    await session.close();
  });

  it('validates the input like every channel', async () => {
    const { file, session, call } = setup({ confine: false });
    await session.open(file);
    expect(await call('projections/setFolder', {})).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await call('projections/setFolder', { folder: 42 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await call('projections/setFolder', { folder: '' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await call('replay/whatIf', { streamId: 'cart-1', a: {}, b: { skip: [0] } })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await call('replay/whatIf', { streamId: 'cart-1', a: {}, b: {}, sql: 'x' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await call('replay/drift', { streamId: 'cart-1', table: 'carts', keyColumn: 'id', columns: [] })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await call('dialog/openFolder', { path: '/' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(whatIfCalls).toEqual([]);
    await session.close();
  });

  it('confines a typed folder in Electron until the user confirms it; a folder the dialog chose is granted', async () => {
    const refused = setup({ confine: true, confirm: false, chooseFolder: null });
    await refused.session.open(refused.file);
    expect(await refused.call('projections/setFolder', { folder: refused.folder })).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(refused.confirmations).toEqual([refused.folder]);
    expect(refused.session.projectionFolder().folder).toBeNull();
    expect(await refused.call('dialog/openFolder')).toEqual({ ok: true, value: { path: null } });
    await refused.session.close();

    const picked = setup({ confine: true, confirm: false });
    const withDialog = setup({ confine: true, confirm: false, chooseFolder: picked.folder });
    await withDialog.session.open(withDialog.file);
    expect(await withDialog.call('dialog/openFolder')).toEqual({ ok: true, value: { path: picked.folder } });
    expect(await withDialog.call('projections/setFolder', { folder: picked.folder })).toMatchObject({ ok: true, value: { folder: picked.folder } });
    expect(withDialog.confirmations).toEqual([]);
    await withDialog.session.close();

    const confirmed = setup({ confine: true, confirm: true });
    await confirmed.session.open(confirmed.file);
    expect(await confirmed.call('projections/setFolder', { folder: confirmed.folder })).toMatchObject({ ok: true, value: { folder: confirmed.folder } });
    expect(confirmed.confirmations).toEqual([confirmed.folder]);
    await confirmed.session.close();
  });

  it('has no folder dialog in browser mode', async () => {
    const { call } = setup({ confine: false });
    expect(await call('dialog/openFolder')).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED', message: expect.stringContaining('type or paste') } });
  });

  it('hands what-if and drift the open store, its engine and the validated query', async () => {
    const { file, session, call } = setup({ confine: false });
    await session.open(file);
    const query = { streamId: 'cart-1', a: {}, b: { skip: [1], projection: 'generic' }, atVersion: 1 };
    expect(await call('replay/whatIf', query)).toEqual({ ok: true, value: { streamId: 'cart-1', version: 1 } });
    const drift = { streamId: 'cart-1', table: 'carts', keyColumn: 'id', columns: ['state'] };
    expect(await call('replay/drift', drift)).toMatchObject({ ok: true, value: { rowFound: false } });
    const { store, engine } = session.require();
    expect(whatIfCalls).toEqual([
      [store, engine, query],
      ['drift', store, engine, drift],
    ]);
    await session.close();
  });

  it('lists the tables of a store that can, and none for one that cannot', async () => {
    const tables: TableInfo[] = [{ name: 'carts', columns: [{ name: 'id', type: 'TEXT' }, { name: 'state', type: 'JSON' }], rows: 3 }];
    const listing = setup({ confine: false, tables });
    await listing.session.open(listing.file);
    expect(await listing.call('store/tables')).toEqual({ ok: true, value: tables });
    await listing.session.close();

    const plain = setup({ confine: false, tables: null });
    await plain.session.open(plain.file);
    expect(await plain.call('store/tables')).toEqual({ ok: true, value: [] });
    await plain.session.close();
  });
});
