// Every file of the hostile corpus through every service and CLI command: a typed error with a
// clear message, or correct results; never a crash or an INTERNAL error; nothing written.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openForViewing } from '../adapters/openForViewing.ts';
import { LedgerError } from '../errors.ts';
import { exportEvents } from '../export/exportEvents.ts';
import { importEvents } from '../import/importEvents.ts';
import { createReplayEngine } from '../replay/replayEngine.ts';
import type { EventStoreReader } from '../store/eventStore.ts';
import { verify } from '../verify/verify.ts';
import { DEEP_LEVELS, SQL_LOOKING, STRANGE_STREAM_IDS, TEN_MB, buildHostileCorpus, type HostileCorpus } from './hostileCorpus.ts';
import { tempDir } from './tempFiles.ts';
import { cli } from '../../cli/testing.ts';
import { collect } from '../store/asyncReader.ts';

/** A regular file's sha256; for a FIFO or a symlink (never read: it would block or loop) its kind. */
function contentOrKind(file: string): string {
  const stat = fs.lstatSync(file);
  if (stat.isSymbolicLink()) return `symlink to ${fs.readlinkSync(file)}`;
  if (!stat.isFile()) return stat.isFIFO() ? 'fifo' : 'special';
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** Every file in the folder with its sha256: proves nothing was written, created or removed. */
function folderFingerprint(dir: string): Record<string, string> {
  return Object.fromEntries(
    fs
      .readdirSync(dir)
      .sort()
      .map((name) => [name, contentOrKind(path.join(dir, name))]),
  );
}


/** Reads everything a viewer would, with SQL-looking text in every search and filter field. */
async function exercise(store: EventStoreReader, out: string): Promise<void> {
  await store.stats();
  for (const text of SQL_LOOKING) {
    for (const sort of ['lastActivity', 'id', 'count'] as const) await store.listStreams({ search: text, sort });
    expect((await store.listStreams({ prefix: text })).items).toEqual([]);
    expect((await store.listStreams({ category: text })).items).toEqual([]);
    await store.readAll({ types: [text] });
    await store.readAll({ streamPrefix: text, actor: text, correlationId: text, causationId: text });
    await expect(store.readStream(text)).rejects.toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  }
  const engine = createReplayEngine(store);
  const streams = (await store.listStreams({ sort: 'id', limit: 50 })).items;
  expect(streams.length).toBeGreaterThan(0);
  for (const stream of streams) {
    const events = await collect(store.iterateStream(stream.streamId));
    expect(events).toHaveLength(stream.eventCount);
    for (const event of events) expect((await store.getEvent(event.position)).eventId).toBe(event.eventId);
    await engine.stateAt(stream.streamId, { version: stream.version });
    await engine.diff(stream.streamId, 0, stream.version);
    const blame = await engine.blame(stream.streamId, { version: stream.version });
    // Every hostile field has a history (and a walk over the stream that never throws past a LedgerError).
    for (const entry of blame.entries.slice(0, 5)) await engine.fieldHistory(stream.streamId, entry.segments);
  }
  expect((await collect(store.iterateAll())).length).toBe((await store.stats()).events);
  for (const format of ['ndjson', 'json', 'csv'] as const) {
    await exportEvents(store, { scope: { kind: 'all' }, format, out: path.join(out, `export.${format}`) });
  }
  JSON.parse(fs.readFileSync(path.join(out, 'export.json'), 'utf8'));
  for (const line of fs.readFileSync(path.join(out, 'export.ndjson'), 'utf8').trim().split('\n')) JSON.parse(line);
}

describe('hostile input corpus', () => {
  const dir = tempDir('hostile');
  const corpusDir = path.join(dir, 'corpus');
  const out = path.join(dir, 'out');
  let corpus: HostileCorpus;
  let before: Record<string, string>;

  beforeAll(async () => {
    corpus = buildHostileCorpus(corpusDir);
    before = folderFingerprint(corpusDir);
  });

  it('is deterministic: building it again gives the same files (store ids aside)', async () => {
    const again = buildHostileCorpus(path.join(dir, 'again'));
    const literal = ['not-sqlite.db', 'empty.db', 'truncated-header.db', 'unrelated-schema.db'];
    for (const name of literal) expect(fs.readFileSync(again.file(name)).equals(fs.readFileSync(corpus.file(name)))).toBe(true);
    expect(again.entries.map((e) => e.name)).toEqual(corpus.entries.map((e) => e.name));
  });

  it('through the services: a typed error with a clear message, or every read, replay, export and verify works', async () => {
    for (const entry of corpus.entries) {
      const expectation = entry.expect;
      if (!expectation.opens) {
        let error: unknown;
        try {
          await openForViewing(entry.file).close();
        } catch (caught) {
          error = caught;
        }
        expect(error, entry.name).toBeInstanceOf(LedgerError);
        expect(error, entry.name).toMatchObject({ code: expectation.code, message: expect.stringMatching(expectation.message) });
        await expect(verify(entry.file), entry.name).rejects.toMatchObject({ code: expectation.code });
        continue;
      }
      const store = openForViewing(entry.file);
      try {
        await exercise(store, fs.mkdtempSync(path.join(out + '-')));
      } finally {
        await store.close();
      }
    }
    expect(folderFingerprint(corpusDir)).toEqual(before);
  });

  it('keeps undecodable rows visible with a decodeError, and verify names them', async () => {
    const store = openForViewing(corpus.file('bad-json.db'));
    try {
      const [two, three, four] = await Promise.all([2, 3, 4].map((p) => store.getEvent(p)));
      expect(two.decodeError).toMatch(/data is not valid JSON/);
      expect(two.data).toBe('{"sku": "S1", broken');
      expect(three.decodeError).toMatch(/metadata is not valid JSON/);
      expect(four.decodeError).toMatch(/data is not valid JSON.*metadata is not a JSON object/);
    } finally {
      await store.close();
    }
    const report = await verify(corpus.file('bad-json.db'));
    expect(report.findings.filter((f) => f.kind === 'edited').map((f) => f.position)).toEqual([2, 3, 4]);
  });

  it('reads the 10 MB payload whole, and keeps 10,000-level nesting as text instead of overflowing the stack', async () => {
    const big = openForViewing(corpus.file('big-payload.db'));
    try {
      expect(((await big.getEvent(2)).data as { text: string }).text).toHaveLength(TEN_MB);
    } finally {
      await big.close();
    }
    const deep = openForViewing(corpus.file('deep-json.db'));
    try {
      const nested = (await deep.readStream('deep-1')).items[0];
      expect(nested.decodeError).toMatch(/nested deeper than 1000 levels/);
      expect(nested.data).toHaveLength(DEEP_LEVELS * 2);
      expect(JSON.stringify(nested)).toContain('[[[');
    } finally {
      await deep.close();
    }
    expect((await verify(corpus.file('deep-json.db'))).ok).toBe(true);
    expect((await verify(corpus.file('big-payload.db'))).ok).toBe(true);
  });

  it('json-fidelity: a verified copy refuses duplicate keys by name and copies altered numbers exactly', async () => {
    const source = corpus.file('json-fidelity.db');
    const out = path.join(tempDir('hostile-fidelity'), 'copy.db');
    await expect(importEvents({ input: source, format: 'store', out })).rejects.toMatchObject({ code: 'BAD_DATA', message: expect.stringContaining('the key "amount" appears twice') });
    const report = await importEvents({ input: source, format: 'store', out, skipBad: true });
    expect(report.skipped.map((s) => s.message)).toEqual([
      'stored JSON is damaged (the key "amount" appears twice in the top-level object, and JSON readers keep only one of the two values)',
      'stored JSON is damaged (the key "actor" appears twice in the top-level object, and JSON readers keep only one of the two values)',
    ]);
    const copy = openForViewing(out);
    try {
      const exact = (await collect(copy.iterateRaw({ kind: 'all' }))).find((e) => e.streamId === 'exact-1');
      expect(exact).toMatchObject({ dataText: '{"big":12345678901234567890,"tiny":1e-400,"zero":-0}', metadataText: '{"count":12345678901234567890}' });
      expect((await copy.readStream('exact-1')).items[0].numbersAsWritten).toEqual({ data: { '/big': '12345678901234567890', '/tiny': '1e-400', '/zero': '-0' }, metadata: { '/count': '12345678901234567890' } });
    } finally {
      await copy.close();
    }
    expect((await verify(out)).ok).toBe(true);
  });

  it('keeps strange stream ids exact: every one can be listed, found by prefix and read back', async () => {
    const store = openForViewing(corpus.file('strange-ids.db'));
    try {
      const ids = (await store.listStreams({ sort: 'id', limit: 100 })).items.map((s) => s.streamId);
      expect([...ids].sort()).toEqual([...STRANGE_STREAM_IDS].sort());
      for (const id of STRANGE_STREAM_IDS) {
        expect((await store.readStream(id)).items).toHaveLength(1);
        expect((await store.listStreams({ prefix: id })).items.map((s) => s.streamId)).toContain(id);
      }
      const actor = (await store.readStream(STRANGE_STREAM_IDS[0])).items[0].metadata.actor as string;
      expect((await store.readAll({ actor })).items.every((e) => e.metadata.actor === actor)).toBe(true);
      // Every SQL-looking actor (%, _, *, [a-z], \\ …) is found exactly, its star escaped as \\*.
      for (const text of SQL_LOOKING) {
        const found = (await store.readAll({ actor: text.replaceAll('*', '\\*'), limit: 1000 })).items.map((e) => e.metadata.actor);
        expect(found.length).toBeGreaterThan(0);
        expect(new Set(found)).toEqual(new Set([text]));
        expect((await store.actors({ actor: text.replaceAll('*', '\\*') })).match).toMatchObject({ actors: 1 });
      }
    } finally {
      await store.close();
    }
  });

  it('through the CLI: exit 1 with the same clear message, or exit 0; never an unexpected error; nothing written', async () => {
    const commands = (file: string, text: string) => [
      ['stats', file],
      ['stats', file, '--json'],
      ['streams', file, '--search', text, '--json'],
      ['streams', file, '--prefix', text],
      ['events', file, '--all', '--json'],
      ['events', file, '--type', text, '--prefix', text, '--actor', text, '--correlation', text],
      ['verify', file, '--json'],
    ];
    for (const entry of corpus.entries) {
      for (const [i, argv] of commands(entry.file, SQL_LOOKING[entry.name.length % SQL_LOOKING.length]).entries()) {
        const result = await cli(...argv);
        const label = `${entry.name}: ledger ${argv.join(' ')}`;
        expect(result.stderr, label).not.toMatch(/Unexpected error|at .*\.ts:\d+/);
        if (!entry.expect.opens) {
          expect(result.code, label).toBe(1);
          expect(result.stderr, label).toMatch(entry.expect.message);
          continue;
        }
        const tampered = entry.name === 'bad-json.db' && argv[0] === 'verify';
        expect(result.code, label).toBe(tampered ? 1 : 0);
        if (argv.includes('--json') && i !== 4) JSON.parse(result.stdout);
      }
    }
    expect(folderFingerprint(corpusDir)).toEqual(before);
  });

  it('the real binary never crashes on any of them', async () => {
    const main = path.resolve(import.meta.dirname, '../../cli/main.ts');
    for (const entry of corpus.entries) {
      const result = spawnSync(process.execPath, [main, 'events', entry.file, '--all'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      expect(result.status, entry.name).toBe(entry.expect.opens ? 0 : 1);
      expect(result.signal, entry.name).toBeNull();
    }
    expect(folderFingerprint(corpusDir)).toEqual(before);
  });
});
