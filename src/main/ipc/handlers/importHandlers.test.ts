// import/copyOpenStore: a verified copy of the open store — a file or a PostgreSQL database — as a
// job, with the output path handled like every import (typed paths confirmed in Electron, a save
// dialog when absent; browser mode takes typed paths and needs one).
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import type { ImportSummary, JobDetail, OpenedStore } from '../../../shared/contract.ts';
import type { Result } from '../../../shared/result.ts';
import type { VerifyReport } from '../../../shared/verify.ts';
import { createLedgerApp } from '../../composition.ts';
import { CONTRACT_DATA } from '../../adapters/readerContract.ts';
import { writeDemoStore } from '../../demo/generateDemo.ts';
import { writeMartenStreams } from '../../testing/pgFixtures/marten.ts';
import { createReadonlyRole } from '../../testing/pgRoles.ts';
import { describePg } from '../../testing/pgTest.ts';
import { tempDir } from '../../testing/tempFiles.ts';
import { verify } from '../../verify/verify.ts';
import type { Host } from './host.ts';
import type { PathPurpose } from './pathGrants.ts';

const dir = tempDir('copy-open-store');
const store = path.join(dir, 'store.db');
writeDemoStore(store, { streams: 3, events: 30, longStreams: 0, longEvents: 2, seed: 'copy' });

function app(mode: 'electron' | 'browser', confirm = true) {
  const asked: { file: string; purpose: PathPurpose }[] = [];
  const host: Host = {
    mode,
    version: '0.0.0-test',
    chooseOpenPath: async () => null,
    chooseSavePath: async (name) => ({ path: path.join(dir, 'saved', name), downloadUrl: null }),
    confinesPaths: mode === 'electron',
    confirmPath: async (file, purpose) => {
      asked.push({ file, purpose });
      return confirm;
    },
  };
  const ledger = createLedgerApp({ host, paths: { config: path.join(dir, `config-${Math.random()}`), cache: path.join(dir, 'cache'), exports: path.join(dir, 'exports') } });
  const call = async <T>(channel: string, input?: unknown) => (await ledger.dispatch(channel, input)) as Result<T>;
  const finished = async <T>(started: Result<{ id: string }>) => {
    if (!started.ok) throw new Error(`not started: ${started.error.message}`);
    await ledger.jobs.wait(started.value.id);
    const detail = await call<JobDetail>('jobs/get', { id: started.value.id });
    if (!detail.ok) throw new Error(detail.error.message);
    return { job: detail.value.job, result: detail.value.result as T };
  };
  return { ledger, call, asked, finished };
}

it('Electron: a typed path needs the user to confirm it in main; refused, nothing is created', async () => {
  const { call, asked, ledger } = app('electron', false);
  fs.mkdirSync(path.join(dir, 'granted'), { recursive: true });
  expect(await call('import/copyOpenStore', { out: path.join(dir, 'x.db') })).toMatchObject({ ok: false, error: { code: 'NO_STORE_OPEN' } });
  await ledger.session.open(store);
  const target = path.join(dir, 'planted', 'copy.db');
  expect((await call('import/copyOpenStore', { out: target })).ok).toBe(false);
  expect(asked).toEqual([{ file: target, purpose: 'create' }]);
  expect(fs.existsSync(path.dirname(target))).toBe(false);
  await ledger.session.close();
});

it("Electron: without a path main's save dialog names the copy; the copy verifies with the open store's events", async () => {
  const { ledger, call, finished, asked } = app('electron', false);
  await ledger.session.open(store);
  const { job, result } = await finished<ImportSummary>(await call('import/copyOpenStore', {}));
  expect(job.status).toBe('succeeded');
  expect(job).toMatchObject({ title: `Verified copy of ${path.basename(store)}`, subject: { case: 'copy', source: path.basename(store) }, items: 30, message: '30 events copied' });
  expect(result).toMatchObject({ out: path.join(dir, 'saved', 'store.verified-copy.ledger.db'), input: store, format: 'store', events: 30 });
  expect(await verify(result.out)).toMatchObject({ ok: true, chainHead: result.chainHead });
  // "Open the copy": main made the file, so opening it asks nothing more.
  expect(await call<OpenedStore>('store/open', { path: result.out })).toMatchObject({ ok: true, value: { info: { hasIntegrityChain: true } } });
  expect(asked).toEqual([]);
  await ledger.session.close();
});

it('browser mode: a path is required, and a typed one is used as given', async () => {
  const { ledger, call, finished } = app('browser');
  await ledger.session.open(store);
  expect(await call('import/copyOpenStore', {})).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  const out = path.join(dir, 'typed', 'copy.db');
  const { result } = await finished<ImportSummary>(await call('import/copyOpenStore', { out }));
  expect(result.out).toBe(out);
  // Never onto the open store itself, nor onto an existing name: a copy never replaces a file.
  const onto = await finished<ImportSummary>(await call('import/copyOpenStore', { out: store }));
  expect(onto.job).toMatchObject({ status: 'failed', error: { code: 'INVALID_INPUT', message: expect.stringContaining('not the input itself') } });
  const again = await finished<ImportSummary>(await call('import/copyOpenStore', { out }));
  expect(again.job).toMatchObject({ status: 'failed', error: { code: 'INVALID_INPUT' } });
  await ledger.session.close();
});

describePg('verified copy of an open database', (ctx) => {
  it('checks the open Marten database without a chain, then copies it through an auditor role; the copy opens and verifies', async () => {
    const admin = await ctx.database('copy_open_handler');
    await writeMartenStreams(admin, {}, CONTRACT_DATA);
    const auditor = new URL(await createReadonlyRole(admin, { schemas: ['public'] }));
    const { ledger, call, finished } = app('browser');
    const opened = await call<OpenedStore>('store/openDatabase', {
      host: auditor.hostname,
      port: Number(auditor.port),
      database: auditor.pathname.slice(1),
      user: decodeURIComponent(auditor.username),
      password: decodeURIComponent(auditor.password),
      sslMode: 'disable',
    });
    expect(opened).toMatchObject({ ok: true, value: { info: { kind: 'postgres', format: 'marten', hasIntegrityChain: false } } });

    const check = await finished<VerifyReport>(await call('verify/start', {}));
    expect(check.job.message).toBe('done');
    expect(check.result).toMatchObject({ ok: true, chainHead: null, eventsChecked: 10, streamsChecked: 4, integrity: { ran: false, messages: [expect.stringMatching(/keeps no hash chain/), expect.any(String)] } });

    const out = path.join(dir, 'db-copy.ledger.db');
    const { job, result } = await finished<ImportSummary>(await call('import/copyOpenStore', { out }));
    expect(job).toMatchObject({ status: 'succeeded', title: expect.stringMatching(/^Verified copy of postgres/) });
    expect(result).toMatchObject({ events: 10, streams: 4, format: 'store' });
    expect(result.input).not.toContain(decodeURIComponent(auditor.password));

    // "Open the copy": it is a native store with a chain, and verifies to the copy's head.
    expect(await call<OpenedStore>('store/open', { path: out })).toMatchObject({ ok: true, value: { info: { hasIntegrityChain: true } } });
    const verdict = await finished<VerifyReport>(await call('verify/start', {}));
    expect(verdict.result).toMatchObject({ ok: true, chainHead: result.chainHead, eventsChecked: 10 });
    await ledger.session.close();
  });
});
