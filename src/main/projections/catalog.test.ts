import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LedgerError } from '../errors.ts';
import type { Projection } from '../replay/projection.ts';
import { BUILT_IN_PROJECTIONS } from '../replay/projections/index.ts';
import { tempDir } from '../testing/tempFiles.ts';
import { loadProjectionFolder, type ProjectionCatalog, type ReloadReport } from './catalog.ts';
import { contentHashOf, type ProjectionLoaders } from './loadFile.ts';
import { replayProjections } from './replayProjections.ts';
import type { LoadedProjection, SandboxLimits } from './types.ts';

// The fake loaders read a file as JSON: {"name","version"} loads, {"error","line"} is a load error,
// {"throw"} makes the loader itself throw. Each projection records its disposal.
interface Fake {
  disposed: string[];
  limitsSeen: SandboxLimits[];
  /** The id of the last projection made from each file. */
  lastFor: Record<string, string>;
  loaders: ProjectionLoaders;
}

function fakeLoaders(): Fake {
  const disposed: string[] = [];
  const limitsSeen: SandboxLimits[] = [];
  const lastFor: Record<string, string> = {};
  let serial = 0;
  const load = (file: string, text: string, kind: 'module' | 'declarative'): LoadedProjection => {
    const spec = JSON.parse(text) as { name?: string; version?: number; error?: string; line?: number; throw?: string };
    if (spec.throw) throw new Error(spec.throw);
    const base = { file, kind, description: null, appliesTo: null, contentHash: null, loadedAt: new Date().toISOString() };
    if (spec.error) {
      return { info: { ...base, name: null, version: null, error: { kind: 'threw', message: spec.error, file, line: spec.line } }, projection: null };
    }
    const id = `${spec.name}#${++serial}`;
    lastFor[file] = id;
    const projection: Projection & { id: string } = {
      id,
      name: spec.name!,
      version: spec.version ?? 1,
      description: '',
      appliesTo: () => false,
      initialState: () => ({}),
      handles: 'all',
      evolve: (state) => state,
      dispose: async () => void disposed.push(id),
    };
    return { info: { ...base, name: spec.name!, version: spec.version ?? 1, error: null }, projection };
  };
  return {
    disposed,
    limitsSeen,
    lastFor,
    loaders: {
      module: async (file, source, limits) => {
        limitsSeen.push(limits);
        return load(file, source, 'module');
      },
      declarative: (file, text) => load(file, text, 'declarative'),
    },
  };
}

const idOf = (p: Projection) => (p as Projection & { id: string }).id;

function write(dir: string, file: string, content: unknown): void {
  fs.writeFileSync(path.join(dir, file), typeof content === 'string' ? content : JSON.stringify(content));
}

/** A folder with its own files; the catalog is closed by the caller. */
function folderWith(files: Record<string, unknown>): string {
  const dir = fs.mkdtempSync(path.join(root, 'folder-'));
  for (const [file, content] of Object.entries(files)) write(dir, file, content);
  return dir;
}

const root = tempDir('projection-catalog');

describe('loadProjectionFolder', () => {
  it('loads the projection files of the folder in name order, each with its kind, and ignores the rest', async () => {
    const dir = folderWith({
      'b.projection.ts': { name: 'bee' },
      'a.projection.json': { name: 'ay' },
      'c.projection.mjs': { name: 'sea' },
      'notes.md': 'not a projection',
      'd.projection.js~': { name: 'backup' },
      '.#a.projection.js': { name: 'editor-lock' },
    });
    fs.mkdirSync(path.join(dir, 'nested'));
    write(path.join(dir, 'nested'), 'deep.projection.js', { name: 'deep' });
    const fake = fakeLoaders();
    const catalog = await loadProjectionFolder(dir, { loaders: fake.loaders, limits: { callTimeoutMs: 50 } });
    try {
      expect(catalog.folder).toBe(path.resolve(dir));
      expect(catalog.projections.map((p) => p.name)).toEqual(['ay', 'bee', 'sea']);
      const info = catalog.info();
      expect(info).toMatchObject({ folder: path.resolve(dir), watching: false });
      expect(info.modules.map((m) => [m.file, m.kind, m.name, m.error])).toEqual([
        ['a.projection.json', 'declarative', 'ay', null],
        ['b.projection.ts', 'module', 'bee', null],
        ['c.projection.mjs', 'module', 'sea', null],
      ]);
      // The catalog fills in the hash of the bytes when a loader did not.
      expect(info.modules[1].contentHash).toBe(contentHashOf(fs.readFileSync(path.join(dir, 'b.projection.ts'))));
      expect(fake.limitsSeen[0]).toEqual({ callTimeoutMs: 50, memoryMb: 256 });
    } finally {
      await catalog.close();
    }
  });

  it('refuses a folder that does not exist or is a file, with a clear LedgerError', async () => {
    const missing = path.join(root, 'no-such-folder');
    await expect(loadProjectionFolder(missing)).rejects.toMatchObject({ code: 'FILE_NOT_FOUND', message: `There is no projections folder at ${missing}.` });
    await expect(loadProjectionFolder(missing)).rejects.toBeInstanceOf(LedgerError);
    const file = path.join(root, 'plain.txt');
    fs.writeFileSync(file, 'x');
    await expect(loadProjectionFolder(file)).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('is a file, not a folder') });
  });

  it('turns bad files into load errors of their own and loads the others', async () => {
    const dir = folderWith({
      'a.projection.js': { error: 'evolve is not a function', line: 3 },
      'b.projection.js': { throw: 'loader bug' },
      'c.projection.js': 'x'.repeat(1024 * 1024 + 1),
      'd.projection.js': { name: 'fine' },
    });
    fs.mkdirSync(path.join(dir, 'e.projection.js'));
    const catalog = await loadProjectionFolder(dir, { loaders: fakeLoaders().loaders });
    try {
      expect(catalog.projections.map((p) => p.name)).toEqual(['fine']);
      const errors = Object.fromEntries(catalog.info().modules.map((m) => [m.file, m.error]));
      expect(errors['a.projection.js']).toEqual({ kind: 'threw', message: 'evolve is not a function', file: 'a.projection.js', line: 3 });
      expect(errors['b.projection.js']).toMatchObject({ kind: 'crashed', message: 'The file could not be loaded: loader bug' });
      expect(errors['c.projection.js']?.message).toBe('The file is 1.0 MB; a projection file may be at most 1 MB.');
      expect(errors['d.projection.js']).toBeNull();
      expect(errors['e.projection.js']?.message).toBe('This is a folder or a device, not a file.');
    } finally {
      await catalog.close();
    }
  });

  it('a second file with a taken name is a load error naming the first; a built-in name is used instead of the built-in', async () => {
    const dir = folderWith({ 'a.projection.js': { name: 'library' }, 'b.projection.json': { name: 'library' }, 'c.projection.js': { name: 'counter' } });
    const catalog = await loadProjectionFolder(dir, { loaders: fakeLoaders().loaders });
    try {
      expect(catalog.projections.map((p) => p.name)).toEqual(['library', 'counter']);
      const [a, b, c] = catalog.info().modules;
      expect(a.error).toBeNull();
      expect(b).toMatchObject({ name: 'library', error: { message: "a.projection.js already defines the projection 'library' version 1; this file is not used." } });
      expect(c).toMatchObject({ name: 'counter', error: null, overridesBuiltIn: true });
      expect(a.overridesBuiltIn).toBeUndefined();
      // The engine gets the folder's first, and no second 'counter' to confuse --projection counter.
      const names = replayProjections(catalog.projections).map((p) => p.name);
      expect(names).toEqual(['library', 'counter', ...BUILT_IN_PROJECTIONS.map((p) => p.name).filter((n) => n !== 'counter')]);
      expect(replayProjections(catalog.projections)[1]).toBe(catalog.projections[1]);
    } finally {
      await catalog.close();
    }
  });

  it('two versions of one projection sit side by side: the highest applies to streams, the other answers to name@version', async () => {
    const dir = folderWith({ 'library.v1.projection.js': { name: 'library', version: 1 }, 'library.v2.projection.js': { name: 'library', version: 2 }, 'z.projection.js': { name: 'zed' } });
    const catalog = await loadProjectionFolder(dir, { loaders: fakeLoaders().loaders });
    try {
      expect(catalog.projections.map((p) => `${p.name}@${p.version}`)).toEqual(['library@2', 'library@1', 'zed@1']);
      const [v1, v2] = catalog.info().modules;
      expect(v1).toMatchObject({ file: 'library.v1.projection.js', error: null, chosenOnly: 'library@1' });
      expect(v2.chosenOnly).toBeUndefined();
      // Removing v2 makes v1 the one that applies, and the report names the projection once.
      fs.rmSync(path.join(dir, 'library.v2.projection.js'));
      const report = await catalog.reload();
      expect(report.changed.map((c) => [c.name, c.oldFile, c.newFile])).toEqual([['library', 'library.v2.projection.js', 'library.v1.projection.js']]);
      expect(catalog.info().modules[0].chosenOnly).toBeUndefined();
    } finally {
      await catalog.close();
    }
  });

  it('close disposes every projection, duplicates included', async () => {
    const dir = folderWith({ 'a.projection.js': { name: 'x' }, 'b.projection.js': { name: 'x' }, 'c.projection.js': { name: 'y' } });
    const fake = fakeLoaders();
    const catalog = await loadProjectionFolder(dir, { loaders: fake.loaders });
    await catalog.close();
    expect(new Set(fake.disposed).size).toBe(3);
    expect(fake.disposed.map((id) => id.split('#')[0]).sort()).toEqual(['x', 'x', 'y']);
    expect(catalog.projections).toEqual([]);
    await catalog.close();
    expect(fake.disposed).toHaveLength(3);
  });
});

describe('ProjectionCatalog.reload', () => {
  it('reloads one file: the new projection is in place before the old one is disposed, and the report names the change', async () => {
    const dir = folderWith({ 'a.projection.js': { name: 'ay' }, 'b.projection.js': { name: 'bee' } });
    const fake = fakeLoaders();
    const catalog = await loadProjectionFolder(dir, { loaders: fake.loaders });
    try {
      const [ay, bee] = catalog.projections;
      const oldHash = catalog.info().modules[1].contentHash;
      let seenWhenDisposed: string[] | null = null;
      const originalDispose = bee.dispose!;
      bee.dispose = async () => {
        seenWhenDisposed = catalog.projections.map(idOf);
        await originalDispose();
      };
      write(dir, 'b.projection.js', { name: 'bee', version: 2 });
      const report = await catalog.reload('b.projection.js');
      const newHash = catalog.info().modules[1].contentHash;
      expect(newHash).not.toBe(oldHash);
      expect(report.files).toEqual(['b.projection.js']);
      expect(report.changed).toEqual([{ name: 'bee', oldFile: 'b.projection.js', oldContentHash: oldHash, newFile: 'b.projection.js', newContentHash: newHash }]);
      expect(catalog.projections[0]).toBe(ay);
      expect(catalog.projections[1].version).toBe(2);
      expect(fake.disposed).toEqual([idOf(bee)]);
      expect(seenWhenDisposed).toEqual([idOf(ay), idOf(catalog.projections[1])]);
      expect(report.info).toEqual(catalog.info());
    } finally {
      await catalog.close();
    }
  });

  it('a reload of the same bytes loads again but reports no change; a file that now fails takes its name away', async () => {
    const dir = folderWith({ 'a.projection.js': { name: 'ay' } });
    const catalog = await loadProjectionFolder(dir, { loaders: fakeLoaders().loaders });
    try {
      const first = catalog.projections[0];
      const same = await catalog.reload('a.projection.js');
      expect(same.changed).toEqual([]);
      expect(catalog.projections[0]).not.toBe(first);
      const hash = catalog.info().modules[0].contentHash;
      write(dir, 'a.projection.js', { error: 'Unexpected token', line: 1 });
      const broken = await catalog.reload('a.projection.js');
      expect(broken.changed).toEqual([{ name: 'ay', oldFile: 'a.projection.js', oldContentHash: hash, newFile: null, newContentHash: null }]);
      expect(catalog.projections).toEqual([]);
      expect(broken.info.modules[0].error?.message).toBe('Unexpected token');
    } finally {
      await catalog.close();
    }
  });

  it('reload() of the folder loads new files and drops removed ones; a freed name goes to the next file', async () => {
    const dir = folderWith({ 'a.projection.js': { name: 'x' }, 'b.projection.js': { name: 'x' } });
    const fake = fakeLoaders();
    const catalog = await loadProjectionFolder(dir, { loaders: fake.loaders });
    try {
      const hashB = catalog.info().modules[1].contentHash;
      const fromA = fake.lastFor['a.projection.js'];
      const fromB = fake.lastFor['b.projection.js'];
      fs.rmSync(path.join(dir, 'a.projection.js'));
      write(dir, 'c.projection.json', { name: 'sea' });
      const report = await catalog.reload();
      expect(report.files).toEqual(['a.projection.js', 'b.projection.js', 'c.projection.json']);
      expect(catalog.projections.map((p) => p.name)).toEqual(['x', 'sea']);
      expect(catalog.info().modules.map((m) => [m.file, m.error])).toEqual([
        ['b.projection.js', null],
        ['c.projection.json', null],
      ]);
      expect(report.changed.map((c) => [c.name, c.oldFile, c.newFile, c.newContentHash])).toEqual([
        ['sea', null, 'c.projection.json', expect.stringMatching(/^[0-9a-f]{12}$/)],
        ['x', 'a.projection.js', 'b.projection.js', hashB],
      ]);
      // A reload asked for loads b again too: its old projection goes as well.
      expect(fake.disposed.sort()).toEqual([fromA, fromB].sort());
    } finally {
      await catalog.close();
    }
  });

  it('refuses a name that is not a projection file of the folder', async () => {
    const catalog = await loadProjectionFolder(folderWith({}), { loaders: fakeLoaders().loaders });
    try {
      await expect(catalog.reload('../x.projection.js')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
      await expect(catalog.reload('notes.md')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    } finally {
      await catalog.close();
    }
  });
});

describe('ProjectionCatalog.watch (a real folder)', () => {
  /** Resolves with the first report that `match` accepts; reports before it are ignored. */
  function nextReport(catalog: ProjectionCatalog, match: (report: ReloadReport) => boolean): { report: Promise<ReloadReport>; stop: () => void } {
    let stop = () => undefined as void;
    const report = new Promise<ReloadReport>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no reload report within 10 s')), 10_000);
      const off = catalog.watch((r) => {
        if (!match(r)) return;
        clearTimeout(timer);
        off();
        resolve(r);
      });
      stop = () => {
        clearTimeout(timer);
        off();
      };
    });
    return { report, stop };
  }

  it('loads an added file, reloads a changed one (in place or renamed over), and drops a removed one', async () => {
    const dir = folderWith({ 'a.projection.js': { name: 'ay' } });
    const fake = fakeLoaders();
    const catalog = await loadProjectionFolder(dir, { loaders: fake.loaders });
    // One subscriber for the whole test keeps the watch on between the steps.
    const keep = catalog.watch(() => undefined);
    try {
      expect(catalog.info().watching).toBe(true);

      let next = nextReport(catalog, (r) => r.changed.some((c) => c.name === 'bee'));
      write(dir, 'b.projection.json', { name: 'bee' });
      let report = await next.report;
      expect(report.changed).toEqual([expect.objectContaining({ name: 'bee', oldContentHash: null, newFile: 'b.projection.json' })]);
      expect(catalog.projections.map((p) => p.name)).toEqual(['ay', 'bee']);

      // Saving a file without changing it (then another file) starts no new sandbox for it.
      const untouched = catalog.projections[0];
      next = nextReport(catalog, (r) => r.changed.some((c) => c.name === 'bee'));
      write(dir, 'a.projection.js', { name: 'ay' });
      write(dir, 'b.projection.json', { name: 'bee', version: 2 });
      report = await next.report;
      expect(report.files).not.toContain('a.projection.js');
      expect(catalog.projections[0]).toBe(untouched);
      expect(catalog.projections[1].version).toBe(2);

      next = nextReport(catalog, (r) => r.changed.some((c) => c.name === 'ay'));
      const before = catalog.projections[0];
      write(dir, 'a.projection.js', { name: 'ay', version: 2 });
      report = await next.report;
      expect(report.files).toEqual(['a.projection.js']);
      expect(catalog.projections[0].version).toBe(2);
      expect(fake.disposed).toContain(idOf(before));

      // How many editors save: write a temporary file, then rename it over the old one.
      next = nextReport(catalog, (r) => r.changed.some((c) => c.name === 'ay'));
      write(dir, 'a.projection.js.tmp', { name: 'ay', version: 3 });
      fs.renameSync(path.join(dir, 'a.projection.js.tmp'), path.join(dir, 'a.projection.js'));
      report = await next.report;
      expect(catalog.projections[0].version).toBe(3);

      next = nextReport(catalog, (r) => r.changed.some((c) => c.name === 'bee'));
      fs.rmSync(path.join(dir, 'b.projection.json'));
      report = await next.report;
      expect(report.changed).toEqual([expect.objectContaining({ name: 'bee', newFile: null, newContentHash: null })]);
      expect(catalog.info().modules.map((m) => m.file)).toEqual(['a.projection.js']);
    } finally {
      keep();
      await catalog.close();
    }
  });

  it('stops watching when the folder goes away, says so, and never throws', async () => {
    const dir = folderWith({ 'a.projection.js': { name: 'ay' } });
    const catalog = await loadProjectionFolder(dir, { loaders: fakeLoaders().loaders });
    try {
      const next = nextReport(catalog, (r) => !r.info.watching);
      fs.rmSync(dir, { recursive: true, force: true });
      const report = await next.report;
      expect(report.files).toEqual([]);
      expect(catalog.info().watching).toBe(false);
    } finally {
      await catalog.close();
    }
  });

  it('the watch stops with the last subscriber and after close', async () => {
    const catalog = await loadProjectionFolder(folderWith({}), { loaders: fakeLoaders().loaders });
    const off1 = catalog.watch(() => undefined);
    const off2 = catalog.watch(() => undefined);
    off1();
    expect(catalog.info().watching).toBe(true);
    off2();
    expect(catalog.info().watching).toBe(false);
    catalog.watch(() => undefined);
    await catalog.close();
    expect(catalog.info().watching).toBe(false);
  });
});
