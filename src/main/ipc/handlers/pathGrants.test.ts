// A compromised renderer must not make main read or create files main never vouched for (issue 9.22).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportPreview, OpenedStore } from '../../../shared/contract.ts';
import type { Result } from '../../../shared/result.ts';
import { createLedgerApp } from '../../composition.ts';
import { writeDemoStore } from '../../demo/generateDemo.ts';
import { tempDir } from '../../testing/tempFiles.ts';
import type { Host } from './host.ts';
import { createPathGrants, type PathPurpose } from './pathGrants.ts';

const dir = tempDir('path-grants');
const store = path.join(dir, 'store.db');
writeDemoStore(store, { streams: 3, events: 30, longStreams: 0, longEvents: 2, seed: 'grants' });
const secret = path.join(dir, 'secret.ndjson');
fs.writeFileSync(secret, '{"streamId":"s-1","type":"T","data":{"password":"hunter2"}}\n');

function electronLikeApp(answers: { confirm: boolean; chosen?: string | null }) {
  const asked: { file: string; purpose: PathPurpose }[] = [];
  const host: Host = {
    mode: 'electron',
    version: '0.0.0-test',
    chooseOpenPath: async () => answers.chosen ?? null,
    chooseSavePath: async (name) => ({ path: path.join(dir, 'saved', name), downloadUrl: null }),
    confinesPaths: true,
    confirmPath: async (file, purpose) => {
      asked.push({ file, purpose });
      return answers.confirm;
    },
  };
  const ledger = createLedgerApp({ host, paths: { config: path.join(dir, `config-${Math.random()}`), cache: path.join(dir, 'cache'), exports: path.join(dir, 'exports') } });
  const call = async <T>(channel: string, input?: unknown) => (await ledger.dispatch(channel, input)) as Result<T>;
  return { ledger, call, asked };
}

describe('path grants (Electron: the renderer names only paths main vouches for)', () => {
  it('refuses a typed path the user did not confirm: no store opened, no file read, nothing created', async () => {
    const { call, asked } = electronLikeApp({ confirm: false });
    const opened = await call<OpenedStore>('store/open', { path: store });
    expect(opened.ok).toBe(false);
    const preview = await call<ImportPreview>('import/preview', { path: secret });
    expect(preview.ok).toBe(false);
    if (!preview.ok) expect(JSON.stringify(preview.error)).not.toContain('hunter2');
    const target = path.join(dir, 'planted', 'new.db');
    const started = await call('import/start', { input: secret, out: target });
    expect(started.ok).toBe(false);
    expect(fs.existsSync(path.dirname(target))).toBe(false);
    expect(asked.map((a) => a.purpose)).toEqual(['open', 'read', 'read']);
  });

  it('uses a typed path once the user confirmed it in main, and remembers the grant', async () => {
    const { call, asked } = electronLikeApp({ confirm: true });
    expect((await call<OpenedStore>('store/open', { path: store })).ok).toBe(true);
    expect((await call<OpenedStore>('store/open', { path: store })).ok).toBe(true);
    expect(asked).toHaveLength(1);
    expect(asked[0]).toEqual({ file: store, purpose: 'open' });
  });

  it("trusts paths from main's own open dialog and recent list without asking", async () => {
    const { call, asked } = electronLikeApp({ confirm: false, chosen: store });
    const chosen = await call<{ path: string | null }>('dialog/openFile');
    expect(chosen.ok && chosen.value.path).toBe(store);
    expect((await call<OpenedStore>('store/open', { path: store })).ok).toBe(true);
    expect((await call<ImportPreview>('import/preview', { path: store, format: 'store' })).ok).toBe(true);
    expect(asked).toEqual([]);
  });

  it('browser mode keeps typed paths (the bridge token is the boundary)', async () => {
    const grants = createPathGrants({ confine: false, trusted: () => [], confirm: async () => false });
    await expect(grants.authorize(secret, 'read')).resolves.toBe(secret);
  });

  it('a grant is for its purpose: a file chosen to read may not be created over', async () => {
    const grants = createPathGrants({ confine: true, trusted: () => [secret], confirm: async () => false });
    await expect(grants.authorize(secret, 'read')).resolves.toBe(secret);
    await expect(grants.authorize(secret, 'create')).rejects.toThrow(/Permission to create/);
    await expect(grants.authorize(path.join(dir, 'x', '..', 'secret.ndjson'), 'read')).resolves.toBe(secret);
  });
});
