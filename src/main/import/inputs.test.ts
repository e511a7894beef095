// Hostile import inputs: lines without end, FIFOs, devices, folders, symlink loops. Each is a typed
// error in people's words, never a crash, a hang, or a temp file left behind.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../../cli/testing.ts';
import { tempDir } from '../testing/tempFiles.ts';
import { importEvents } from './importEvents.ts';
import { splitLines } from './lineSplitter.ts';
import { previewImport } from './previewImport.ts';
import { csvRecords, jsonArrayRecords, ndjsonRecords } from './sources.ts';

async function* chunksOf(...parts: string[]): AsyncIterable<Buffer> {
  for (const part of parts) yield Buffer.from(part);
}
async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe('splitLines', () => {
  it('splits on \\n and \\r\\n across chunk boundaries, multi-byte characters whole, counting bytes', async () => {
    const lines = await all(splitLines(chunksOf('a\r', '\nü', 'b\nlast')));
    expect(lines.map((l) => l.line)).toEqual([1, 2, 3]);
    expect(lines[0]).toEqual({ line: 1, text: 'a', bytes: 3 });
    expect(lines[2]).toMatchObject({ line: 3, text: 'last' });
    const split = Buffer.from('x€y\n');
    const whole = await all(
      splitLines(
        (async function* () {
        yield split.subarray(0, 2);
          yield split.subarray(2);
        })(),
      ),
    );
    expect(whole).toEqual([{ line: 1, text: 'x€y', bytes: 6 }]);
  });

  it('a line over the limit in bytes is a typed error naming the line, whether or not it ever ends', async () => {
    await expect(all(splitLines(chunksOf('ok\n', 'x'.repeat(600), 'x'.repeat(600)), 1024))).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/^Line 2 is longer than the 1 KB limit/),
    });
    // bytes, not characters: 400 three-byte characters are 1200 bytes
    await expect(all(splitLines(chunksOf('€'.repeat(400) + '\n'), 1024))).rejects.toMatchObject({ message: expect.stringMatching(/^Line 1 is longer/) });
    expect(await all(splitLines(chunksOf('x'.repeat(1024) + '\n'), 1024))).toHaveLength(1);
  });
});

describe('import sources: record size limits', () => {
  const dir = tempDir('inputs');
  it('NDJSON, JSON array and CSV each bound one record, with the same message', async () => {
    const ndjson = path.join(dir, 'long.ndjson');
    fs.writeFileSync(ndjson, '{"streamId":"a-1","type":"T"}\n' + '{"x":"' + 'y'.repeat(5000) + '"}\n');
    await expect(all(ndjsonRecords(ndjson, { maxRecordBytes: 4096 }))).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/^Line 2 is longer than the 4 KB limit/) });
    const json = path.join(dir, 'long.json');
    fs.writeFileSync(json, '[{"a":1},\n{"x":"' + 'y'.repeat(5000));
    await expect(all(jsonArrayRecords(json, { maxRecordBytes: 4096 }))).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/^Line 2 is longer than the 4 KB limit/) });
    const csv = path.join(dir, 'long.csv');
    fs.writeFileSync(csv, 'streamId,type\na-1,T\na-2,"' + 'y'.repeat(5000) + '"\n');
    await expect(all(csvRecords(csv, { maxRecordBytes: 4096 }))).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/^Line 3 is longer than the 4 KB limit/) });
  });

  it('an import of a 65 MB line without a newline fails with the typed error and leaves nothing behind', async () => {
    const sub = fs.mkdtempSync(path.join(dir, 'huge-'));
    const input = path.join(sub, 'one-line.ndjson');
    fs.writeFileSync(input, Buffer.alloc(65 * 1024 * 1024, 0x61));
    await expect(importEvents({ input, out: path.join(sub, 'out.db') })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/^Line 1 is longer than the 64 MB limit/),
    });
    expect(fs.readdirSync(sub)).toEqual(['one-line.ndjson']);
    const viaCli = await cli('import', input, '--out', path.join(sub, 'cli.db'));
    expect(viaCli.code).toBe(2); // INVALID_INPUT is exit 2 (run.ts)
    expect(viaCli.stderr).toMatch(/Line 1 is longer than the 64 MB limit/);
    expect(viaCli.stderr).not.toMatch(/Unexpected error|at .*\.ts:\d+/);
    expect(fs.readdirSync(sub)).toEqual(['one-line.ndjson']);
    await expect(previewImport(input)).rejects.toMatchObject({ message: expect.stringMatching(/^Line 1 is longer than the 64 MB limit/) });
  });
});

describe('import inputs that are not regular files', () => {
  const dir = tempDir('inputs-kinds');
  const fifo = path.join(dir, 'pipe.ndjson');
  execFileSync('mkfifo', [fifo]);
  const loop = path.join(dir, 'loop.ndjson');
  fs.symlinkSync(path.join(dir, 'loop2'), loop);
  fs.symlinkSync(loop, path.join(dir, 'loop2'));

  it('refuses a FIFO at once (with or without a format), without blocking the event loop', async () => {
    const started = Date.now();
    const previews = [undefined, 'ndjson', 'csv', 'json', undefined] as const;
    const results = await Promise.allSettled(previews.map((format) => previewImport(fifo, { format })));
    for (const result of results) expect(result).toMatchObject({ status: 'rejected', reason: { code: 'INVALID_INPUT', message: expect.stringMatching(/is a named pipe \(FIFO\), not a file/) } });
    expect(Date.now() - started).toBeLessThan(10_000); // reading the pipe would block until the test's timeout
  });

  it('refuses /dev/zero, a folder and a symlink loop with one message each, in preview and import alike', async () => {
    await expect(previewImport('/dev/zero')).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/is a device/) });
    await expect(previewImport('/dev/zero', { format: 'ndjson' })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/is a device/) });
    await expect(previewImport(dir, { format: 'csv' })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/is a folder, not a file/) });
    const loopMessage = expect.stringMatching(/its symbolic links form a loop/);
    await expect(previewImport(loop)).rejects.toMatchObject({ code: 'IO_ERROR', message: loopMessage });
    await expect(previewImport(loop, { format: 'ndjson' })).rejects.toMatchObject({ code: 'IO_ERROR', message: loopMessage });
    await expect(importEvents({ input: loop, out: path.join(dir, 'o.db'), format: 'ndjson' })).rejects.toMatchObject({ code: 'IO_ERROR', message: loopMessage });
    await expect(importEvents({ input: '/dev/zero', out: path.join(dir, 'z.db'), format: 'ndjson' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    for (const input of ['/dev/zero', fifo]) {
      const viaCli = await cli('import', input, '--format', 'ndjson', '--out', path.join(dir, 'cli.db'));
      expect(viaCli.code).toBe(2); // INVALID_INPUT is exit 2 (run.ts)
      expect(viaCli.stderr).toMatch(/not a file: only regular files can be imported/);
    }
    expect(fs.readdirSync(dir).sort()).toEqual(['loop.ndjson', 'loop2', 'pipe.ndjson']);
  });

  it('a preview stops at its time limit and its byte budget: records in hand are shown, none is a typed error', async () => {
    const blank = path.join(dir, 'blank.ndjson');
    fs.writeFileSync(blank, '\n'.repeat(40 * 1024 * 1024));
    await expect(previewImport(blank, { timeLimitMs: 0 })).rejects.toMatchObject({ code: 'IO_ERROR', message: expect.stringMatching(/took longer than 0 s/) });
    await expect(previewImport(blank, { byteBudget: 1024 * 1024 })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/The first 1 MB of .* hold no record/) });
    const some = path.join(dir, 'some.ndjson');
    fs.writeFileSync(some, '{"streamId":"a-1","type":"T"}\n' + '\n'.repeat(4 * 1024 * 1024));
    expect((await previewImport(some, { byteBudget: 1024 * 1024 })).sample).toHaveLength(1);
    fs.rmSync(blank);
    fs.rmSync(some);
  });
});
