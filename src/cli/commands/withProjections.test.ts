import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ProjectionLoaders } from '../../main/projections/loadFile.ts';
import type { LoadedProjection } from '../../main/projections/types.ts';
import type { Projection } from '../../main/replay/projection.ts';
import { BUILT_IN_PROJECTIONS } from '../../main/replay/projections/index.ts';
import { createReplayEngine } from '../../main/replay/replayEngine.ts';
import { toAsyncReader } from '../../main/store/asyncReader.ts';
import { tempDir, tempStore } from '../../main/testing/tempFiles.ts';
import type { CliIo } from '../io.ts';
import { withProjections } from './withProjections.ts';

// The CLI's use of a projections folder with in-process fake loaders: what the engine is given,
// the warnings, and that the catalog is closed whatever the command does.
const dir = tempDir('with-projections');

function io(): CliIo & { err: string[] } {
  const err: string[] = [];
  return { err, stdout: () => undefined, stderr: (t) => void err.push(t), interactive: false };
}

function fakes(disposed: string[]): ProjectionLoaders {
  const load = (file: string, text: string): LoadedProjection => {
    const base = { file, kind: 'module' as const, description: null, appliesTo: null, contentHash: null, loadedAt: new Date().toISOString() };
    if (text.startsWith('broken')) return { info: { ...base, name: null, version: null, error: { kind: 'threw', message: 'Unexpected end of input', file, line: 2, column: 5 } }, projection: null };
    const projection: Projection<number> = {
      name: text.trim(),
      version: 1,
      description: 'counts events',
      appliesTo: (_id, category) => category === 'tally',
      initialState: () => 0,
      handles: 'all',
      evolve: (n) => n + 1,
      dispose: async () => void disposed.push(text.trim()),
    };
    return { info: { ...base, name: projection.name, version: 1, error: null }, projection };
  };
  return { module: (file, source) => load(file, source), declarative: (file, text) => load(file, text) };
}

function folderWith(files: Record<string, string>): string {
  const folder = fs.mkdtempSync(path.join(dir, 'folder-'));
  for (const [file, content] of Object.entries(files)) fs.writeFileSync(path.join(folder, file), content);
  return folder;
}

describe('withProjections', () => {
  it('without a folder, leaves the engine its built-ins', async () => {
    expect(await withProjections(undefined, undefined, io(), async (projections) => projections)).toBeUndefined();
  });

  it('gives the engine the folder first, warns about the rest, and closes the catalog after the command', async () => {
    const store = tempStore(dir);
    store.append('tally-1', [{ type: 'a' }, { type: 'b' }, { type: 'c' }]);
    const disposed: string[] = [];
    const out = io();
    const folder = folderWith({ 'a.projection.js': 'tally', 'b.projection.js': 'broken' });
    const state = await withProjections(
      folder,
      undefined,
      out,
      async (projections) => {
        expect(projections!.map((p) => p.name)).toEqual(['tally', ...BUILT_IN_PROJECTIONS.map((p) => p.name)]);
        expect(disposed).toEqual([]);
        return (await createReplayEngine(toAsyncReader(store), { projections }).stateAt('tally-1', { version: 3 })).state;
      },
      { loaders: fakes(disposed) },
    );
    expect(state).toBe(3);
    expect(out.err).toEqual(['Warning: b.projection.js:2:5: Unexpected end of input (not loaded)\n']);
    expect(disposed).toEqual(['tally']);
  });

  it('closes the catalog when the command fails, and stops when the chosen projection did not load', async () => {
    const disposed: string[] = [];
    const folder = folderWith({ 'a.projection.js': 'tally', 'b.projection.js': 'broken' });
    await expect(withProjections(folder, undefined, io(), () => Promise.reject(new Error('store gone')), { loaders: fakes(disposed) })).rejects.toThrow('store gone');
    expect(disposed).toEqual(['tally']);
    let ran = false;
    await expect(
      withProjections(folder, 'b', io(), async () => void (ran = true), { loaders: fakes(disposed) }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', message: "The projection 'b' did not load: b.projection.js:2:5: Unexpected end of input" });
    expect(ran).toBe(false);
    expect(disposed).toEqual(['tally', 'tally']);
    // A name that loaded is fine even when another file failed.
    expect(await withProjections(folder, 'tally', io(), async () => 'ran', { loaders: fakes(disposed) })).toBe('ran');
  });
});
