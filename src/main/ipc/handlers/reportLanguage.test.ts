// report/create in the reader's language, through the real dispatch: the request's `language` is
// checked at the boundary (English or 简体中文 only) and writes the report in it, and the report
// job's updates carry its step as facts beside main's English message, for the renderer to say.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExportResult } from '../../../shared/contract.ts';
import type { JobState } from '../../../shared/jobs.ts';
import type { Result } from '../../../shared/result.ts';
import { createLedgerApp } from '../../composition.ts';
import { reportFacts } from '../../report/reportParts.ts';
import { openStore } from '../../store/openStore.ts';
import { cartStory } from '../../testing/cartStory.ts';
import { tempDir } from '../../testing/tempFiles.ts';

const dir = tempDir('report-language');
const store = path.join(dir, 'carts.db');
{
  const writer = openStore(store, { readonly: false, create: true });
  writer.append('cart-1', cartStory(1_767_225_600_000));
  writer.close();
}

function app() {
  let saved = 0;
  return createLedgerApp({
    paths: { config: path.join(dir, 'config'), cache: path.join(dir, 'cache'), exports: path.join(dir, 'exports') },
    host: {
      mode: 'browser',
      version: '0.0.0-test',
      chooseOpenPath: async () => null,
      chooseSavePath: async (name) => ({ path: path.join(dir, 'out', `${++saved}-${name}`), downloadUrl: null }),
      confinesPaths: false,
      confirmPath: async () => true,
    },
  });
}

type Ledger = ReturnType<typeof app>;
const call = async <T,>(ledger: Ledger, channel: string, input?: unknown) => (await ledger.dispatch(channel, input)) as Result<T>;

async function report(ledger: Ledger, input: unknown): Promise<{ result: ExportResult; updates: JobState[] }> {
  const updates: JobState[] = [];
  const off = ledger.jobs.subscribe((job) => updates.push(job));
  try {
    const started = await call<{ id: string }>(ledger, 'report/create', input);
    if (!started.ok) throw new Error(JSON.stringify(started.error));
    const job = await ledger.jobs.wait(started.value.id);
    expect(job.status).toBe('succeeded');
    return { result: ledger.jobs.result<ExportResult>(started.value.id)!, updates: updates.filter((u) => u.id === started.value.id) };
  } finally {
    off();
  }
}

describe('report/create in the reader\'s language', () => {
  it('writes the report in the language asked for, and refuses any other', async () => {
    const ledger = app();
    await call(ledger, 'store/open', { path: store });
    await ledger.integrity.settled();
    const zh = await report(ledger, { streamId: 'cart-1', versions: [3, 7], language: 'zh-CN' });
    const en = await report(ledger, { streamId: 'cart-1', versions: [3, 7] });
    const zhHtml = fs.readFileSync(zh.result.path, 'utf8');
    const enHtml = fs.readFileSync(en.result.path, 'utf8');
    expect(zhHtml).toContain('<html lang="zh-CN">');
    expect(zhHtml).toContain('<h2>4. 变化内容及造成变化的事件</h2>');
    expect(enHtml).toContain('<html lang="en">');
    expect(reportFacts(zhHtml).integrity).toEqual(reportFacts(enHtml).integrity);
    for (const language of ['fr', 'zh', 'EN', 7]) {
      expect(await call(ledger, 'report/create', { streamId: 'cart-1', language })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    await ledger.session.close();
  });

  it("carries the report's step in its job updates beside main's English message", async () => {
    const ledger = app();
    await call(ledger, 'store/open', { path: store });
    const { updates } = await report(ledger, { streamId: 'cart-1', versions: [3, 5, 7], language: 'zh-CN' });
    const stepped = updates.filter((u) => u.step);
    expect(stepped.length).toBeGreaterThan(0);
    // Each update's step says what its (unchanged, English) message says.
    const english = (step: NonNullable<JobState['step']>) =>
      step.case === 'reportState' ? `state at v${step.version}` : step.case === 'reportDiff' ? `diff v${step.from} → v${step.to}` : `${step.listed.toLocaleString('en-US')} of ${step.of.toLocaleString('en-US')} events`;
    for (const update of stepped) expect(update.message).toBe(english(update.step!));
    // The first update after the start is the first state; the last, the events listed.
    expect(stepped[0].step).toEqual({ case: 'reportState', version: 3 });
    expect(updates.at(-1)).toMatchObject({ status: 'succeeded', step: { case: 'reportEvents', listed: 7, of: 7 }, message: '7 of 7 events' });
    await ledger.session.close();
  });
});
