import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir, tempStore } from '../main/testing/tempFiles.ts';
import { CLI_MAIN, cli } from './testing.ts';

// `--projections DIR` on state, diff and blame: a library stream the built-ins know nothing about
// (the generic merge would show the last event's data), and a counter stream the built-in counter folds.
const dir = tempDir('ledger-projections-cli');
let storeFile = '';

/** A folder of its own with these files. */
function folderWith(files: Record<string, string>): string {
  const folder = fs.mkdtempSync(path.join(dir, 'projections-'));
  for (const [file, content] of Object.entries(files)) fs.writeFileSync(path.join(folder, file), content);
  return folder;
}

beforeAll(() => {
  const store = tempStore(dir);
  store.append('library-1', [
    { type: 'MemberJoined', data: { memberId: 'm-1' } },
    { type: 'BookBorrowed', data: { isbn: '978-0' } },
    { type: 'BookBorrowed', data: { isbn: '978-1' } },
    { type: 'FineCharged', data: { amount: 2 } },
    { type: 'FineCharged', data: { amount: 3 } },
  ]);
  store.append('counter-1', [
    { type: 'increment', data: { amount: 5 } },
    { type: 'increment', data: { amount: 10 } },
  ]);
  storeFile = store.info.path;
});

// The decider shape, run in the sandbox (needs the sandbox branch's loadSandboxedModule).
const LIBRARY_MODULE = `export default {
  name: 'library',
  version: 1,
  appliesTo: { categories: ['library'] },
  initialState: () => ({ onLoan: [], fines: 0 }),
  evolve(state, event) {
    switch (event.type) {
      case 'BookBorrowed': return { ...state, onLoan: [...state.onLoan, event.data.isbn] };
      case 'FineCharged': return { ...state, fines: state.fines + event.data.amount };
      default: return state;
    }
  },
};
`;

// A declarative projection (needs the declarative branch's loadDeclarativeProjection). Rules per
// event type: `increment` at a path by a value taken from the event (`$data.amount`), `append` of one.
const LIBRARY_RULES = JSON.stringify({
  name: 'library-rules',
  version: 1,
  appliesTo: { categories: ['library'] },
  initialState: { onLoan: [], fines: 0 },
  on: {
    BookBorrowed: [{ append: 'onLoan', value: '$data.isbn' }],
    FineCharged: [{ increment: 'fines', by: '$data.amount' }],
  },
});

describe('--projections DIR with working files', () => {
  it('state, diff and blame fold with a declarative projection chosen by --projection', async () => {
    const folder = folderWith({ 'library.projection.json': LIBRARY_RULES });
    const state = await cli('state', storeFile, '--stream', 'library-1', '--projections', folder, '--projection', 'library-rules', '--json');
    expect(state.stderr).toBe('');
    expect(state.code).toBe(0);
    const result = JSON.parse(state.stdout);
    expect(result.projection.name).toBe('library-rules');
    expect(result.state).toEqual({ onLoan: ['978-0', '978-1'], fines: 5 });

    const diff = JSON.parse((await cli('diff', storeFile, '--stream', 'library-1', '--from', '3', '--to', '5', '--projections', folder, '--projection', 'library-rules', '--json')).stdout);
    expect(diff.changes).toEqual([expect.objectContaining({ path: '$.fines', before: 0, after: 5 })]);

    const blame = JSON.parse((await cli('blame', storeFile, '--stream', 'library-1', '--projections', folder, '--projection', 'library-rules', '--json')).stdout);
    expect(blame.entries.find((e: { path: string }) => e.path === '$.fines')).toMatchObject({ value: 5, event: { version: 5 } });
  });

  it('a module applies to its streams ahead of the built-ins, the built-ins still fold the rest, and the process ends (the sandbox is closed)', () => {
    const folder = folderWith({ 'library.projection.js': LIBRARY_MODULE });
    const run = (...argv: string[]) => spawnSync(process.execPath, [CLI_MAIN, ...argv], { encoding: 'utf8', timeout: 60_000 });
    const library = run('state', storeFile, '--stream', 'library-1', '--projections', folder, '--json');
    expect(library.error).toBeUndefined(); // not killed by the timeout: no worker kept the process alive
    expect(library.stderr).toBe('');
    expect(library.status).toBe(0);
    expect(JSON.parse(library.stdout)).toMatchObject({ projection: { name: 'library' }, state: { onLoan: ['978-0', '978-1'], fines: 5 } });
    const counter = run('state', storeFile, '--stream', 'counter-1', '--projections', folder, '--json');
    expect(counter.status).toBe(0);
    expect(JSON.parse(counter.stdout)).toMatchObject({ projection: { name: 'counter' }, state: 15 });
  }, 120_000);
});

describe('two versions of one projection', () => {
  it('what-if compares library@1 with library@2 and names the first event where they part', async () => {
    const v2 = JSON.stringify({ ...JSON.parse(LIBRARY_RULES), version: 2, on: { ...JSON.parse(LIBRARY_RULES).on, FineCharged: [{ increment: 'fines', by: 10 }] } });
    const folder = folderWith({ 'library.v1.projection.json': LIBRARY_RULES, 'library.v2.projection.json': v2 });
    const state = JSON.parse((await cli('state', storeFile, '--stream', 'library-1', '--projections', folder, '--json')).stdout);
    expect(state.projection).toMatchObject({ name: 'library-rules', version: 2 });
    const run = await cli('what-if', storeFile, 'library-1', '--projections', folder, '--a-projection', 'library-rules@1', '--b-projection', 'library-rules@2', '--json');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.a.projection.version).toBe(1);
    expect(result.b.projection.version).toBe(2);
    expect(result.firstDivergence).toMatchObject({ version: 4, type: 'FineCharged' });
    expect(result.changes).toEqual([expect.objectContaining({ path: '$.fines', a: 5, b: 20 })]);
  });
});

describe('a TypeScript module', () => {
  it('loads with its types stripped and nothing on stderr (no runtime warning about the stripper)', () => {
    const typed = LIBRARY_MODULE.replace('evolve(state, event)', 'evolve(state: { onLoan: string[]; fines: number }, event: { type: string; data: any })');
    const folder = folderWith({ 'library.projection.ts': typed });
    const run = spawnSync(process.execPath, [CLI_MAIN, 'state', storeFile, '--stream', 'library-1', '--projections', folder, '--json'], { encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ projection: { name: 'library', origin: { kind: 'module', file: 'library.projection.ts' } }, state: { fines: 5 } });
  }, 120_000);
});

describe('ledger export --state and --diff with the team\u2019s projection', () => {
  const readJson = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8'));

  it('writes the state with a manifest naming the projection file and its content hash', async () => {
    const folder = folderWith({ 'library.projection.json': LIBRARY_RULES });
    const out = path.join(folder, '..', `state-${path.basename(folder)}.json`);
    const run = await cli('export', storeFile, '--state', '--stream', 'library-1', '--at', '4', '--projections', folder, '--out', out);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(readJson(out)).toMatchObject({ version: 4, state: { onLoan: ['978-0', '978-1'], fines: 2 }, projection: { name: 'library-rules' } });
    const manifest = readJson(`${out}.manifest.json`);
    expect(manifest.kind).toBe('state');
    expect(manifest.projections).toEqual([{ name: 'library-rules', version: 1, origin: { kind: 'declarative', file: 'library.projection.json', contentHash: expect.stringMatching(/^[0-9a-f]{12}$/) } }]);
    expect(manifest.files[0].sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a diff report of an interrupted projection says so, in the HTML and on the terminal', () => {
    const breaks = LIBRARY_MODULE.replace("case 'FineCharged':", "case 'FineCharged': if (event.data.amount === 3) throw new Error('fines of 3 are not allowed');");
    const folder = folderWith({ 'library.projection.js': breaks });
    const out = path.join(folder, '..', `diff-${path.basename(folder)}.html`);
    const run = spawnSync(process.execPath, [CLI_MAIN, 'export', storeFile, '--diff', '--stream', 'library-1', '--from', '1', '--to', '5', '--format', 'html', '--projections', folder, '--out', out], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.error).toBeUndefined();
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/Interrupted at v5 \(FineCharged, position \d+\) by library: .*fines of 3 are not allowed.*library\.projection\.js:\d+/);
    const html = fs.readFileSync(out, 'utf8');
    expect(html).toMatch(/version 1 → 4/);
    expect(html).toMatch(/class="interrupted".*Interrupted at v5/);
    expect(html).toMatch(/library v1, library\.projection\.js #[0-9a-f]{12}/);
  }, 120_000);
});

describe('--projections DIR when something is wrong', () => {
  it('refuses a folder that does not exist', async () => {
    const missing = path.join(dir, 'nowhere');
    const run = await cli('state', storeFile, '--stream', 'counter-1', '--projections', missing);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`ledger state: There is no projections folder at ${missing}.\n`);
  });

  it('files that do not load are warnings (file: message) and the command goes on with the rest', async () => {
    const folder = folderWith({ 'broken.projection.json': '{ "name": ', 'huge.projection.js': '//'.padEnd(1024 * 1024 + 10, 'x'), 'notes.txt': 'ignored' });
    for (const argv of [
      ['state', storeFile, '--stream', 'counter-1'],
      ['diff', storeFile, '--stream', 'counter-1', '--from', '0', '--to', '2'],
      ['blame', storeFile, '--stream', 'counter-1'],
    ]) {
      const run = await cli(...argv, '--projections', folder, '--json');
      expect(run.code).toBe(0);
      const warnings = run.stderr.trimEnd().split('\n');
      expect(warnings).toHaveLength(2);
      expect(warnings[0]).toMatch(/^Warning: broken\.projection\.json(:\d+(:\d+)?)?: .+ \(not loaded\)$/);
      expect(warnings[1]).toBe('Warning: huge.projection.js: The file is 1.0 MB; a projection file may be at most 1 MB. (not loaded)');
      expect(JSON.parse(run.stdout).projection.name).toBe('counter');
    }
  });

  it('a --projection that names a file that did not load stops the command with its error', async () => {
    const folder = folderWith({ 'broken.projection.json': '{ "name": ' });
    const run = await cli('state', storeFile, '--stream', 'library-1', '--projections', folder, '--projection', 'broken');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^Warning: broken\.projection\.json.* \(not loaded\)\n/);
    expect(run.stderr).toMatch(/\nledger state: The projection 'broken' did not load: broken\.projection\.json(:\d+(:\d+)?)?: .+\n$/);
  });

  it('an unknown --projection is still the engine\u2019s usage error, listing what there is', async () => {
    const folder = folderWith({});
    const run = await cli('state', storeFile, '--stream', 'counter-1', '--projections', folder, '--projection', 'nope');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Unknown projection 'nope'\. Available: .*counter/);
  });

  it('serve refuses a projections folder that is a file before it starts', async () => {
    const run = await cli('serve', storeFile, '--projections', storeFile);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/is a file, not a folder/);
  });
});
