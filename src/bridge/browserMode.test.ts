// `ledger serve FILE --projections DIR`: browser mode hands the folder to the session for the store
// it opened (the panel then shows it); a folder that cannot be loaded is a warning and the store is
// served with the built-in projections.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../main/store/openStore.ts';
import { tempDir } from '../main/testing/tempFiles.ts';
import { startBrowserMode } from './browserMode.ts';

function fixture() {
  const dir = tempDir('browser-mode');
  const file = path.join(dir, 'store.db');
  const writer = openStore(file, { readonly: false, create: true });
  writer.append('cart-1', [{ type: 'ItemAdded', data: { sku: 'A', quantity: 1, unitPrice: 3 } }]);
  writer.close();
  const folder = path.join(dir, 'projections');
  fs.mkdirSync(folder);
  const paths = { config: path.join(dir, 'config'), cache: path.join(dir, 'cache'), exports: path.join(dir, 'exports') };
  return { dir, file, folder, paths };
}

describe('browser mode with a projections folder', () => {
  it('sets the folder for the store it opened', async () => {
    const { dir, file, folder, paths } = fixture();
    const warnings: string[] = [];
    const { bridge, app } = await startBrowserMode({ file, projectionsFolder: folder, paths, rendererDir: dir, warn: (m) => warnings.push(m) });
    try {
      expect(await app.dispatch('projections/folder', undefined)).toMatchObject({ ok: true, value: { folder, modules: [], problem: null } });
      expect(warnings).toEqual([]);
    } finally {
      await bridge.close();
      app.session.dispose();
      await app.session.close();
    }
  });

  it('warns about a folder it cannot load and serves the store all the same', async () => {
    const { dir, file, paths } = fixture();
    const warnings: string[] = [];
    const { bridge, app } = await startBrowserMode({ file, projectionsFolder: path.join(dir, 'nowhere'), paths, rendererDir: dir, warn: (m) => warnings.push(m) });
    try {
      expect(app.session.current()?.info.path).toBe(file);
      expect(await app.dispatch('projections/folder', undefined)).toMatchObject({ ok: true, value: { folder: null } });
      expect(warnings).toEqual([expect.stringContaining('Could not load the projections folder')]);
    } finally {
      await bridge.close();
      app.session.dispose();
      await app.session.close();
    }
  });
});
