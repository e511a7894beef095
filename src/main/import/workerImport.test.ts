// The import on its own thread (workerImport.ts / importThread.ts) against importEvents on this
// thread: the same store, report and errors; a cancel that cleans up; a thread that cannot start or
// dies part-way.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { englishError } from '../../shared/errorWords/index.ts';
import { dumpStore } from '../testing/storeDump.ts';
import { tempDir } from '../testing/tempFiles.ts';
import { importEvents, type ImportReport } from './importEvents.ts';
import type { ImportThreadMessage, ImportThreadTask } from './importThread.ts';
import { importOnThread } from './workerImport.ts';

const dir = tempDir('import-thread');
const write = (name: string, content: string) => {
  const full = path.join(dir, name);
  fs.writeFileSync(full, content);
  return full;
};
const THREAD = new URL('./importThread.ts', import.meta.url);

const comparable = (r: ImportReport) => ({ ...r, out: undefined, seconds: undefined, storeBytes: undefined, bytesPerEvent: undefined, reportPath: r.reportPath === null ? null : 'set' });

function messyFile(name: string, count = 3000): string {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    if (i % 701 === 3) lines.push('{not json');
    lines.push(JSON.stringify({ streamId: `cart-${i % 30}`, type: i % 3 ? 'ItemAdded' : 'Paid', eventId: `e-${i}`, data: { i, sku: `S-${i % 9}` }, metadata: { actor: `user:${i % 5}` }, recordedAt: new Date(1_767_600_000_000 + i * 61_000).toISOString() }));
  }
  return write(name, lines.join('\n') + '\n');
}

const leftovers = (prefix: string) => fs.readdirSync(dir).filter((f) => f.includes(prefix));

describe('the import on its own thread', () => {
  it('makes the same store and report as on this thread, bad records listed', async () => {
    const input = messyFile('messy.ndjson');
    const here = await importEvents({ input, out: path.join(dir, 'here.db'), skipBad: true });
    const progress: number[] = [];
    const there = await importOnThread({ input, out: path.join(dir, 'there.db'), skipBad: true, onProgress: (p) => progress.push(p.done) });
    expect(here.skippedCount).toBeGreaterThan(3);
    expect(comparable(there)).toEqual(comparable(here));
    expect(dumpStore(there.out)).toEqual(dumpStore(here.out));
    // Progress crossed over, ending at the whole file.
    expect(progress.at(-1)).toBe(fs.statSync(input).size);
  });

  it('is the thread that does it: started, its private folder, progress, then the report', async () => {
    const input = messyFile('direct.ndjson', 12_000);
    const out = path.join(dir, 'direct.db');
    const task: ImportThreadTask = { importThread: true, options: { input, out, skipBad: true } };
    const worker = new Worker(THREAD, { workerData: task });
    const said: ImportThreadMessage[] = [];
    await new Promise<void>((resolve, reject) => {
      worker.on('message', (m: ImportThreadMessage) => {
        said.push(m);
        if (m.kind === 'done' || m.kind === 'error') resolve();
      });
      worker.on('error', reject);
    });
    await worker.terminate();
    const kinds = said.map((m) => m.kind);
    expect(kinds[0]).toBe('started');
    expect(kinds[1]).toBe('workDir');
    expect(kinds).toContain('progress');
    expect(kinds.at(-1)).toBe('done');
    const workDir = said.find((m) => m.kind === 'workDir') as { path: string };
    expect(path.dirname(workDir.path)).toBe(dir);
    expect(fs.existsSync(workDir.path)).toBe(false);
    expect((said.at(-1) as { report: ImportReport }).report.events).toBe(dumpStore(out).events.length);
  });

  it('says a refused file as this thread does, in words, and leaves nothing', async () => {
    const input = write('repeated.csv', 'streamId,type,type\na,b,c\n');
    const errorOf = (run: (out: string) => Promise<unknown>, out: string) => run(path.join(dir, out)).then(() => null, (e) => ({ code: e.code, message: e.message, words: e.words }));
    const there = await errorOf((out) => importOnThread({ input, out }), 'repeated-there.db');
    const here = await errorOf((out) => importEvents({ input, out }), 'repeated-here.db');
    expect(there).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/repeats a column name/) });
    expect(there).toEqual(here);
    expect(englishError(there!.words)).toBe(there!.message);
    const bad = messyFile('bad-records.ndjson', 800);
    const refused = await errorOf((out) => importOnThread({ input: bad, out }), 'bad-there.db');
    expect(refused).toMatchObject({ code: 'BAD_DATA', words: { key: 'errorWords.importRun.invalidRecords' } });
    expect(leftovers('-there.db')).toEqual([]);
  });

  it('is cancelled by the caller, removes what it made and says the import was cancelled', async () => {
    const input = messyFile('big.ndjson', 60_000);
    const controller = new AbortController();
    const out = path.join(dir, 'cancelled.db');
    const run = importOnThread({ input, out, signal: controller.signal, onProgress: () => controller.abort() });
    await expect(run).rejects.toMatchObject({ name: 'CancelledError', code: 'CANCELLED', message: 'Import was cancelled.' });
    expect(leftovers('cancelled')).toEqual([]);
  });

  it('ends with the error of a progress callback that throws, as on this thread', async () => {
    const input = messyFile('progress-throws.ndjson', 30_000);
    const out = path.join(dir, 'progress-throws.db');
    await expect(importOnThread({ input, out, onProgress: () => { throw new Error('the window went away'); } })).rejects.toThrow('the window went away');
    // The thread was told to stop and removes its folder; give it a moment.
    for (let i = 0; i < 50 && leftovers('progress-throws.db').length > 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(leftovers('progress-throws.db')).toEqual([]);
  });

  it('imports on this thread when the thread cannot load here', async () => {
    const input = messyFile('fallback.ndjson', 50);
    const broken = pathToFileURL(write('broken-thread.mjs', "throw new Error('cannot load here');\n"));
    const report = await importOnThread({ input, out: path.join(dir, 'fallback.db'), skipBad: true }, broken);
    expect(report.events).toBe(50);
  });

  it('says so when the thread dies part-way, and removes the folder it had made', async () => {
    const half = path.join(dir, '.dies.db.importing-x');
    fs.mkdirSync(half);
    fs.writeFileSync(path.join(half, 'store.db'), 'half a store');
    // A stand-in that starts, names its folder, then exits as a crashed thread would.
    const dying = pathToFileURL(
      write('dying-thread.mjs', `import { parentPort } from 'node:worker_threads';\nparentPort.postMessage({ kind: 'started' });\nparentPort.postMessage({ kind: 'workDir', path: ${JSON.stringify(half)} });\nsetTimeout(() => process.exit(3), 50);\n`),
    );
    const failure = await importOnThread({ input: messyFile('dies.ndjson', 10), out: path.join(dir, 'dies.db') }, dying).then(() => null, (e) => e);
    expect(failure).toMatchObject({ code: 'INTERNAL', words: { key: 'errorWords.importRun.threadStopped', facts: { code: 3 } } });
    expect(failure.message).toBe("The import's thread stopped before it finished (exit code 3), so nothing was imported.");
    expect(fs.existsSync(half)).toBe(false);
    expect(fs.existsSync(path.join(dir, 'dies.db'))).toBe(false);
  });

  it('copies an open store on this thread: its connection is not the thread’s to use', async () => {
    const input = messyFile('copy-source.ndjson', 40);
    const made = await importEvents({ input, out: path.join(dir, 'copy-source.db'), skipBad: true });
    const { openStore } = await import('../store/openStore.ts');
    const source = openStore(made.out);
    try {
      // A module that would fail loudly: never started for a copy of an open store.
      const never = pathToFileURL(write('never-thread.mjs', "import { parentPort } from 'node:worker_threads';\nparentPort.postMessage({ kind: 'error', code: 'INTERNAL', message: 'should not run' });\n"));
      const { toAsyncReader } = await import('../store/asyncReader.ts');
      const copy = await importOnThread({ input: made.out, source: toAsyncReader(source), out: path.join(dir, 'copy.db'), format: 'store' }, never);
      expect(copy.chainHead).toBe(made.chainHead);
    } finally {
      source.close();
    }
  });
});
