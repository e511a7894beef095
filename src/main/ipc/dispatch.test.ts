// The IPC layer end to end (minus Electron): every call through the real dispatch and handlers.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExportResult, ImportPreview, ImportSummary, JobDetail } from '../../shared/contract.ts';
import type { Result } from '../../shared/result.ts';
import type { VerifyReport } from '../../shared/verify.ts';
import { createLedgerApp } from '../composition.ts';
import { writeDemoStore } from '../demo/generateDemo.ts';
import { tempDir } from '../testing/tempFiles.ts';
import { verifyExport } from '../export/verifyExport.ts';
import { writeEmmettFile } from '../testing/emmettFile.ts';
import { browserTestHost } from '../testing/testHost.ts';

const dir = tempDir('dispatch');
const store = path.join(dir, 'demo.db');
writeDemoStore(store, { streams: 20, events: 600, longStreams: 1, longEvents: 200, seed: 'dispatch' });

function app() {
  return createLedgerApp({
    paths: { config: path.join(dir, 'config'), cache: path.join(dir, 'cache'), exports: path.join(dir, 'exports') },
    host: browserTestHost(path.join(dir, 'out'), { downloadUrl: (name) => `/api/download/x/${name}` }),
  });
}

async function call<T>(ledger: ReturnType<typeof app>, channel: string, input?: unknown): Promise<Result<T>> {
  return (await ledger.dispatch(channel, input)) as Result<T>;
}

describe('dispatch', () => {
  it('refuses unknown channels and invalid arguments with INVALID_INPUT, never throwing', async () => {
    const ledger = app();
    // People's words, not contract names or zod's phrasing; the channel and field go in details.
    const cases: [string, unknown, RegExp][] = [
      ['streams/drop', {}, /Unknown channel/],
      ['stream/stateAt', { streamId: 42 }, /^The stream id must be text\.$/],
      ['stream/stateAt', {}, /^The stream id is missing\.$/],
      ['stream/stateAt', { streamId: 'a', version: 1e300 }, /^The version must be at most 9,007,199,254,740,991\.$/],
      ['stream/stateAt', { streamId: 'a', version: -1 }, /^The version must be at least 0\.$/],
      ['stream/stateAt', { streamId: 'a', version: 1.5 }, /^The version must be a whole number\.$/],
      ['stream/stateAt', { streamId: 'a', time: 'x'.repeat(100) }, /^The time is not a date: use ISO-8601/],
      ['streams/list', { limit: 10_001 }, /^The page size must be at most 10,000\.$/],
      ['streams/list', { sort: "id; DROP TABLE events" }, /^The sort order must be one of: lastActivity, id, count\.$/],
      ['streams/list', { extra: true }, /^'extra' is not a known option\.$/],
      ['stream/get', { streamId: 'x'.repeat(5000) }, /^The stream id is too long \(at most 1,024 characters\)\.$/],
      ['events/get', { ref: { $gt: 1 } }, /^The event reference/],
      ['events/histogram', { fromTime: true }, /^The start time is not a date/],
      ['events/histogram', { streamPrefix: 'x'.repeat(2000) }, /^The stream prefix is too long \(at most 1,024 characters\)\.$/],
      ['export/start', { what: 'events', scope: { kind: 'all' }, format: 'xml' }, /^The format must be one of: ndjson, json, csv\.$/],
      ['verify/start', { expectHead: 'abc' }, /^The expected chain head is not valid: a chain head is 64 hexadecimal characters, optionally @position\.$/],
      ['store/open', null, /^The request has no arguments where some are needed\.$/],
    ];
    for (const [channel, input, message] of cases) {
      const result = await call(ledger, channel, input);
      expect(result.ok, `${channel} ${JSON.stringify(input).slice(0, 60)}`).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('INVALID_INPUT');
        expect(result.error.message).toMatch(message);
        expect(result.error.message).not.toMatch(/\b(Invalid input|Too big|Too small|expected string)\b|[a-z]+\/[a-z]+:/);
      }
    }
  });

  it('keeps the channel and the exact field of a validation error in its details, and says each problem once', async () => {
    const result = await call(app(), 'events/histogram', { streamPrefix: 'x'.repeat(2000) });
    expect(result).toMatchObject({ ok: false, error: { details: { channel: 'events/histogram', fields: [{ field: 'streamPrefix' }] } } });
    if (!result.ok) expect(result.error.message.match(/stream prefix/g)).toHaveLength(1);
  });

  it('says NO_STORE_OPEN before a store is open, and keeps the open store when another file fails', async () => {
    const ledger = app();
    expect(await call(ledger, 'streams/list', {})).toMatchObject({ ok: false, error: { code: 'NO_STORE_OPEN' } });
    expect(await call(ledger, 'store/open', { path: store })).toMatchObject({ ok: true, value: { stats: { events: 800 } } });
    const notes = path.join(dir, 'notes.txt');
    fs.writeFileSync(notes, 'definitely not sqlite');
    expect(await call(ledger, 'store/open', { path: notes })).toMatchObject({ ok: false, error: { code: 'NOT_SQLITE', message: expect.stringMatching(/is not an SQLite database/) } });
    expect(await call(ledger, 'store/open', { path: path.join(dir, 'missing.db') })).toMatchObject({ ok: false, error: { code: 'FILE_NOT_FOUND' } });
    expect(await call(ledger, 'store/current')).toMatchObject({ ok: true, value: { info: { path: store } } });
    const page = await call<{ items: unknown[] }>(ledger, 'streams/list', { search: "'; DROP TABLE events; --" });
    expect(page).toMatchObject({ ok: true, value: { items: [] } });
    expect(await call(ledger, 'stream/stateAt', { streamId: 'nope-1' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    await ledger.session.close();
  });

  it('answers the viewer’s questions: list, events, state, diff, blame, related, histogram', async () => {
    const ledger = app();
    await call(ledger, 'store/open', { path: store });
    const streams = await call<{ items: { streamId: string; version: number }[] }>(ledger, 'streams/list', { sort: 'count', limit: 1 });
    const { streamId, version } = (streams as { value: { items: { streamId: string; version: number }[] } }).value.items[0];
    expect(streamId).toBe('cart-wholesale-001');
    expect(await call(ledger, 'stream/events', { streamId, limit: 3 })).toMatchObject({ ok: true, value: { next: 4 } });
    expect(await call(ledger, 'stream/stateAt', { streamId })).toMatchObject({ ok: true, value: { version, projection: { name: 'shopping-cart' } } });
    expect(await call(ledger, 'stream/stateAt', { streamId, version: 3, time: 5 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await call(ledger, 'stream/diff', { streamId, from: 1, to: 50 })).toMatchObject({ ok: true, value: { eventCount: 49 } });
    expect(await call(ledger, 'stream/blame', { streamId, version: 10 })).toMatchObject({ ok: true, value: { version: 10 } });
    expect(await call(ledger, 'stream/fieldHistory', { streamId, segments: ['status'], upTo: 10 })).toMatchObject({ ok: true, value: { path: '$.status', upTo: 10, historyCount: 1 } });
    expect(await call(ledger, 'stream/fieldHistory', { streamId, segments: [{ key: 'sku' }] })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const withdrawal = await call<{ items: { position: number }[] }>(ledger, 'events/list', { types: ['MoneyWithdrawn'], limit: 50 });
    const linked = await Promise.all(
      (withdrawal as { value: { items: { position: number }[] } }).value.items.map((e) => call<{ cause: unknown }>(ledger, 'events/related', { position: e.position })),
    );
    expect(linked.some((r) => r.ok && r.value.cause !== null)).toBe(true); // a checkout caused a payment
    expect(await call(ledger, 'events/histogram', { buckets: 12 })).toMatchObject({ ok: true, value: { total: 800 } });
    const actors = await call<{ actors: { actor: string; count: number }[] }>(ledger, 'events/actors', { limit: 5 });
    expect(actors.ok && actors.value.actors.length).toBeGreaterThan(0);
    expect(await call(ledger, 'events/list', { toTime: '2026-02-30' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: /2026-02-30 is not a date/ } });
    expect(await call(ledger, 'events/histogram', { fromTime: 'yesterday' })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^The start time 'yesterday' is not a valid time/) } });
    await ledger.session.close();
  });

  it('serves the background verdict on verify/status and records it in export manifests', async () => {
    const ledger = app();
    await call(ledger, 'store/open', { path: store });
    const verdict = await ledger.integrity.settled();
    expect(verdict).toMatchObject({ status: 'verified', findingCount: 0, caveat: expect.stringMatching(/cannot rule out/) });
    expect(await call(ledger, 'verify/status')).toEqual({ ok: true, value: verdict });
    for (const request of [
      { what: 'events', scope: { kind: 'stream', streamId: 'cart-wholesale-001' }, format: 'ndjson' },
      { what: 'state', streamId: 'cart-wholesale-001', version: 3 },
    ]) {
      const started = (await call<{ id: string }>(ledger, 'export/start', request)) as { ok: true; value: { id: string } };
      const finished = await ledger.jobs.wait(started.value.id);
      expect(finished.status).toBe('succeeded');
      // Named with its facts too, for screens to say in their language (main's title stays English).
      expect([finished.title, finished.subject]).toEqual(
        request.what === 'events'
          ? ['Export cart-wholesale-001 as NDJSON', { case: 'exportEvents', streamId: 'cart-wholesale-001', format: 'NDJSON' }]
          : ['Export state of cart-wholesale-001 at v3', { case: 'exportState', streamId: 'cart-wholesale-001', version: 3 }],
      );
      const result = ledger.jobs.result<ExportResult>(started.value.id) as ExportResult;
      const manifest = JSON.parse(fs.readFileSync(result.manifestPath, 'utf8'));
      expect(manifest.integrity).toMatchObject({ status: 'verified', checkedAt: verdict!.checkedAt, chainHead: verdict!.chainHead, findings: { count: 0 } });
    }
    await ledger.session.close();
    expect(await call(ledger, 'verify/status')).toEqual({ ok: true, value: null });
  });

  it('runs an export as a job and reports the download', async () => {
    const ledger = app();
    await call(ledger, 'store/open', { path: store });
    const started = await call<{ id: string }>(ledger, 'export/start', { what: 'events', scope: { kind: 'stream', streamId: 'cart-wholesale-001' }, format: 'ndjson' });
    expect(started.ok).toBe(true);
    const id = (started as { value: { id: string } }).value.id;
    await ledger.jobs.wait(id);
    const detail = (await call<JobDetail>(ledger, 'jobs/get', { id })) as { ok: true; value: JobDetail };
    expect(detail.value.job.status).toBe('succeeded');
    const result = detail.value.result as ExportResult;
    expect(result).toMatchObject({
      events: 200,
      fileName: 'cart-wholesale-001_v1-end.ndjson',
      downloadUrl: '/api/download/x/cart-wholesale-001_v1-end.ndjson',
      manifestDownloadUrl: '/api/download/x/cart-wholesale-001_v1-end.ndjson.manifest.json',
    });
    expect(fs.readFileSync(result.path, 'utf8').trim().split('\n')).toHaveLength(200);
    // The manifest beside it checks out against the files and the store.
    const check = await verifyExport(path.dirname(result.path), { store });
    expect(check.ok).toBe(true);
    const manifest = JSON.parse(fs.readFileSync(result.manifestPath, 'utf8'));
    expect(manifest).toMatchObject({ kind: 'events', events: { count: 200 }, files: [{ path: result.fileName, sha256: result.sha256 }, { path: expect.stringMatching(/activity\.jsonl$/) }, { path: expect.stringMatching(/notes\.json$/) }] });
    await ledger.session.close();
  });

  it('verifies the open store as a job, and says when a store has no chain', async () => {
    const ledger = app();
    await call(ledger, 'store/open', { path: store });
    expect(await call(ledger, 'verify/start', { expectHead: 'not-a-hash' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const job = (await call<{ id: string }>(ledger, 'verify/start', {})) as { ok: true; value: { id: string } };
    expect((await ledger.jobs.wait(job.value.id)).status).toBe('succeeded');
    const detail = (await call<JobDetail>(ledger, 'jobs/get', { id: job.value.id })) as { ok: true; value: JobDetail };
    expect(detail.value.result).toMatchObject({ ok: true, findings: [] });

    const emmettFile = path.join(dir, 'emmett.sqlite');
    await writeEmmettFile(emmettFile, [
      ['cart-1', [{ type: 'ItemAdded', data: { sku: 'A' } }]],
    ]);
    expect(await call(ledger, 'store/open', { path: emmettFile })).toMatchObject({ ok: true, value: { info: { format: 'emmett', hasIntegrityChain: false } } });
    // No chain: an expected head cannot be compared; without one the chainless checks run.
    expect(await call(ledger, 'verify/start', { expectHead: 'a'.repeat(64) })).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED', message: expect.stringMatching(/no integrity chain/) } });
    const chainless = (await call<{ id: string }>(ledger, 'verify/start', {})) as { ok: true; value: { id: string } };
    expect((await ledger.jobs.wait(chainless.value.id)).status).toBe('succeeded');
    const report = (await call<JobDetail>(ledger, 'jobs/get', { id: chainless.value.id })) as { ok: true; value: JobDetail };
    expect(report.value.result).toMatchObject({ ok: true, chainHead: null, eventsChecked: 1, streamsChecked: 1, integrity: { ran: false, messages: [expect.stringMatching(/keeps no hash chain/), expect.stringMatching(/Read back all 1 streams/)] } });
    // The notes cross IPC with their words, so the Verify screen says them in the reader's language.
    expect((report.value.result as VerifyReport).integrity.words?.map((w) => w.key)).toEqual(['errorWords.check.noChain', 'errorWords.check.readBackAll']);
    await ledger.session.close();
  });

  it('builds a stream\'s snapshots as a job, refusing unknown streams and projections up front', async () => {
    const ledger = app();
    await call(ledger, 'store/open', { path: store });
    expect(await call(ledger, 'stream/buildSnapshots', { streamId: 'no-such-stream' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await call(ledger, 'stream/buildSnapshots', { streamId: 'cart-wholesale-001', projection: 'nope' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: /Unknown projection/ } });
    const job = (await call<{ id: string; kind: string }>(ledger, 'stream/buildSnapshots', { streamId: 'cart-wholesale-001' })) as { ok: true; value: { id: string; kind: string } };
    expect(job.value.kind).toBe('snapshots');
    expect((await ledger.jobs.wait(job.value.id)).status).toBe('succeeded');
    const detail = (await call<JobDetail>(ledger, 'jobs/get', { id: job.value.id })) as { ok: true; value: JobDetail };
    expect(detail.value.result).toMatchObject({ streamId: 'cart-wholesale-001', version: 200, startedFrom: 0, eventsApplied: 200 });
    await ledger.session.close();
  });

  it('previews an import with its field resolution, then imports as a job', async () => {
    const ledger = app();
    const input = path.join(dir, 'in.csv');
    fs.writeFileSync(input, 'aggregate,kind,amount\nacct-1,Deposit,5\nacct-1,Withdrawal,x\n');
    const preview = (await call<ImportPreview>(ledger, 'import/preview', { path: input })) as { ok: true; value: ImportPreview };
    expect(preview.value).toMatchObject({ format: 'csv', fields: ['aggregate', 'kind', 'amount'], missing: ['streamId', 'type'] });
    expect(preview.value.sample[0]).toMatchObject({ line: 2, field: 'streamId' });
    const mapped = (await call<ImportPreview>(ledger, 'import/preview', { path: input, mapping: { streamId: 'aggregate', type: 'kind' } })) as { ok: true; value: ImportPreview };
    expect(mapped.value.missing).toEqual([]);
    expect(mapped.value.sample[0].event).toMatchObject({ streamId: 'acct-1', type: 'Deposit', data: { amount: '5' } });
    expect(await call(ledger, 'import/start', { input, mapping: { streamId: 'aggregate', type: 'kind' } })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const out = path.join(dir, 'imported.db');
    const job = (await call<{ id: string }>(ledger, 'import/start', { input, out, mapping: { streamId: 'aggregate', type: 'kind' } })) as { ok: true; value: { id: string } };
    await ledger.jobs.wait(job.value.id);
    const detail = (await call<JobDetail>(ledger, 'jobs/get', { id: job.value.id })) as { ok: true; value: JobDetail };
    expect(detail.value.job.status).toBe('succeeded');
    // The job's facts, for screens to name it and its progress in their language.
    expect(detail.value.job).toMatchObject({ title: `Import ${path.basename(input)}`, subject: { case: 'import', file: path.basename(input) }, items: 2, message: '2 events imported' });
    expect(detail.value.result as ImportSummary).toMatchObject({ events: 2, out });
    expect(await call(ledger, 'store/open', { path: out })).toMatchObject({ ok: true, value: { stats: { events: 2 } } });
    await ledger.session.close();
  });
});

describe('dispatch: import/preview of inputs that are not files', () => {
  it('answers /dev/zero and a FIFO (four at once) with typed errors, promptly, without blocking the event loop', async () => {
    const ledger = app();
    const fifo = path.join(dir, 'preview-pipe.ndjson');
    fs.rmSync(fifo, { force: true });
    (await import('node:child_process')).execFileSync('mkfifo', [fifo]);
    const started = Date.now();
    const answers = await Promise.all([
      call(ledger, 'import/preview', { path: '/dev/zero' }),
      ...[0, 1, 2, 3].map(() => call(ledger, 'import/preview', { path: fifo, format: 'ndjson' })),
    ]);
    expect(Date.now() - started).toBeLessThan(10_000); // reading the pipe would block until the test's timeout
    expect(answers[0]).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/is a device .*not a file/) } });
    for (const answer of answers.slice(1)) expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/named pipe \(FIFO\)/) } });
    fs.rmSync(fifo);
  });
});
