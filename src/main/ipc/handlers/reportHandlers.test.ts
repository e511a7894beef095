// report/create and report/pdf through the real dispatch: validation at the boundary, the job and
// its file with manifest, notes and masking through the evidence seams, the PDF only with a host that prints.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExportResult } from '../../../shared/contract.ts';
import type { CaseNote } from '../../../shared/evidence.ts';
import type { Result } from '../../../shared/result.ts';
import { createLedgerApp } from '../../composition.ts';
import { storeKeyOf } from '../../evidence/storeKey.ts';
import { fakeMasker, fakeNotes } from '../../report/reportFakes.ts';
import { reportEvents, reportFacts, reportSection } from '../../report/reportParts.ts';
import { openStore } from '../../store/openStore.ts';
import { cartStory } from '../../testing/cartStory.ts';
import { tempDir } from '../../testing/tempFiles.ts';
import type { Host } from './host.ts';
import { createReportHandlers, type ReportEvidence } from './reportHandlers.ts';

const dir = tempDir('report-handlers');
const store = path.join(dir, 'carts.db');
{
  const writer = openStore(store, { readonly: false, create: true });
  writer.append('cart-1', cartStory(1_767_225_600_000));
  writer.close();
}

function app(options: { host?: Partial<Host>; evidence?: ReportEvidence } = {}) {
  const saved: string[] = [];
  const ledger = createLedgerApp({
    paths: { config: path.join(dir, 'config'), cache: path.join(dir, 'cache'), exports: path.join(dir, 'exports') },
    host: {
      mode: 'browser',
      version: '0.0.0-test',
      chooseOpenPath: async () => null,
      chooseSavePath: async (name) => {
        saved.push(name);
        return { path: path.join(dir, 'out', `${saved.length}-${name}`), downloadUrl: `/api/download/slot/${name}` };
      },
      confinesPaths: false,
      confirmPath: async () => true,
      ...options.host,
    },
    reportEvidence: options.evidence,
  });
  return { ledger, saved };
}

async function call<T>(ledger: ReturnType<typeof app>['ledger'], channel: string, input?: unknown): Promise<Result<T>> {
  return (await ledger.dispatch(channel, input)) as Result<T>;
}

async function finished(ledger: ReturnType<typeof app>['ledger'], started: Result<{ id: string }>): Promise<ExportResult> {
  if (!started.ok) throw new Error(JSON.stringify(started.error));
  const job = await ledger.jobs.wait(started.value.id);
  expect(job).toMatchObject({ status: 'succeeded', kind: 'export' });
  return ledger.jobs.result<ExportResult>(started.value.id) as ExportResult;
}

describe('report handlers', () => {
  it('writes the report as an export job with its manifest and the background verdict', async () => {
    const { ledger, saved } = app();
    await call(ledger, 'store/open', { path: store });
    const verdict = await ledger.integrity.settled();
    const started = await call<{ id: string }>(ledger, 'report/create', { streamId: 'cart-1', fromVersion: 2, versions: [3, 7] });
    const result = await finished(ledger, started);
    expect(started.ok && ledger.jobs.get(started.value.id)).toMatchObject({ title: 'Report on cart-1 v2–v7', subject: { case: 'report', streamId: 'cart-1', from: 2, to: 7 } });
    expect(saved).toEqual(['cart-1_report_v2-v7.html']);
    expect(result).toMatchObject({ fileName: '1-cart-1_report_v2-v7.html', events: 6, downloadUrl: '/api/download/slot/cart-1_report_v2-v7.html', manifestPath: `${result.path}.manifest.json` });
    const html = fs.readFileSync(result.path, 'utf8');
    expect(reportFacts(html)).toMatchObject({ states: [3, 7], integrity: { status: 'verified', checkedAt: verdict!.checkedAt, chainHead: verdict!.chainHead } });
    expect(reportEvents(html)).toHaveLength(6);
    const manifest = JSON.parse(fs.readFileSync(result.manifestPath, 'utf8'));
    expect(manifest).toMatchObject({ kind: 'report', files: [{ sha256: result.sha256 }, { path: expect.stringMatching(/activity\.jsonl$/) }, { path: expect.stringMatching(/notes\.json$/) }], integrity: { status: 'verified' } });
    await ledger.session.close();
  });

  it('refuses bad input at the boundary, and an unknown stream or version before asking where to save', async () => {
    const { ledger, saved } = app();
    await call(ledger, 'store/open', { path: store });
    expect(await call(ledger, 'report/create', { streamId: 'cart-1', versions: [-1] })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await call(ledger, 'report/create', { streamId: 'cart-1', extra: 1 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await call(ledger, 'report/create', { streamId: 'cart-9' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: "There is no stream 'cart-9' in this store." } });
    expect(await call(ledger, 'report/create', { streamId: 'cart-1', versions: [40] })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('there is none at 40') } });
    expect(saved).toEqual([]);
    await ledger.session.close();
    expect(await call(ledger, 'report/create', { streamId: 'cart-1' })).toMatchObject({ ok: false, error: { code: 'NO_STORE_OPEN' } });
  });

  it('says CANCELLED when the save dialog is closed', async () => {
    const { ledger } = app({ host: { chooseSavePath: async () => null } });
    await call(ledger, 'store/open', { path: store });
    expect(await call(ledger, 'report/create', { streamId: 'cart-1' })).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    await ledger.session.close();
  });

  it('draws on the notes and a new masker per report from the evidence seams', async () => {
    const reader = openStore(store);
    const { toAsyncReader } = await import('../../store/asyncReader.ts');
    const key = storeKeyOf(toAsyncReader(reader)).key;
    reader.close();
    const note: CaseNote = { id: 'n1', storeKey: key, target: { kind: 'state', streamId: 'cart-1', version: 5 }, text: 'apple removed here', author: 'ann', createdAt: '2026-12-01T09:00:00.000Z', updatedAt: '2026-12-01T09:00:00.000Z' };
    let maskers = 0;
    const { ledger } = app({ evidence: { notes: fakeNotes([note]), masker: () => (maskers++, fakeMasker()) } });
    await call(ledger, 'store/open', { path: store });
    const first = await finished(ledger, await call(ledger, 'report/create', { streamId: 'cart-1' }));
    await finished(ledger, await call(ledger, 'report/create', { streamId: 'cart-1' }));
    expect(maskers).toBe(2);
    const html = fs.readFileSync(first.path, 'utf8');
    expect(reportSection(html, 'notes')).toContain('apple removed here');
    expect(html).not.toContain('Bread');
    expect(reportFacts(html).masking).not.toBeNull();
    await ledger.session.close();
  });

  it('makes the PDF of a finished report only where the host prints, and only of a report job', async () => {
    const printed: string[] = [];
    const withPdf = app({ host: { mode: 'electron', printToPdf: async (file) => (printed.push(file), new TextEncoder().encode('%PDF-1.7 test')) } });
    await call(withPdf.ledger, 'store/open', { path: store });
    const started = await call<{ id: string }>(withPdf.ledger, 'report/create', { streamId: 'cart-1' });
    const result = await finished(withPdf.ledger, started);
    const pdf = await call<{ path: string; bytes: number; fileName: string }>(withPdf.ledger, 'report/pdf', { jobId: (started as { value: { id: string } }).value.id });
    expect(pdf).toMatchObject({ ok: true, value: { bytes: 13 } });
    // Suggested beside the report, named after it.
    expect(withPdf.saved[1]).toBe(`${result.fileName.replace(/\.html$/, '')}.pdf`);
    expect(printed).toEqual([result.path]);
    expect(fs.readFileSync((pdf as { value: { path: string } }).value.path, 'utf8')).toBe('%PDF-1.7 test');
    // An export job is not a report: its file is never printed.
    const other = await call<{ id: string }>(withPdf.ledger, 'export/start', { what: 'state', streamId: 'cart-1', version: 3 });
    await finished(withPdf.ledger, other);
    expect(await call(withPdf.ledger, 'report/pdf', { jobId: (other as { value: { id: string } }).value.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    await withPdf.ledger.session.close();

    const browser = app();
    await call(browser.ledger, 'store/open', { path: store });
    const job = await call<{ id: string }>(browser.ledger, 'report/create', { streamId: 'cart-1' });
    await finished(browser.ledger, job);
    expect(await call(browser.ledger, 'report/pdf', { jobId: (job as { value: { id: string } }).value.id })).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED', message: expect.stringContaining('Print') } });
    await browser.ledger.session.close();
  });

  it('tells the user when the PDF does not come, instead of hanging', async () => {
    const { ledger } = app();
    await call(ledger, 'store/open', { path: store });
    const host: Host = {
      mode: 'electron',
      version: 't',
      chooseOpenPath: async () => null,
      chooseSavePath: async (name) => ({ path: path.join(dir, 'out', `slow-${name}`), downloadUrl: null }),
      confinesPaths: true,
      confirmPath: async () => false,
      printToPdf: () => new Promise<Uint8Array>(() => undefined),
    };
    const handlers = createReportHandlers({ session: ledger.session, jobs: ledger.jobs, host, pdfTimeoutMs: 50 });
    const job = await handlers['report/create']({ streamId: 'cart-1' });
    await ledger.jobs.wait(job.id);
    await expect(handlers['report/pdf']({ jobId: job.id })).rejects.toMatchObject({ code: 'IO_ERROR', message: expect.stringContaining('the report itself is saved') });
    expect(fs.existsSync(path.join(dir, 'out', 'slow-slow-cart-1_report_v1-v7.pdf'))).toBe(false);
    await ledger.session.close();
  });
});
