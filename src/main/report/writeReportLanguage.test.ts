// The report in the reader's language: the same request in English and in 简体中文 gives a report
// whose words are all Chinese, while everything stored (stream id, types, data, ids, hashes) and
// every machine-readable part (meta tags, the facts and totals blocks, data-* attributes) is the
// same byte for byte; only <html lang>, the words and the stylesheet's page margins differ.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ManifestIntegrity } from '../../shared/verify.ts';
import { storeKeyOf } from '../evidence/storeKey.ts';
import { TOKEN_SCHEME } from '../masking/token.ts';
import { createReplayEngine } from '../replay/replayEngine.ts';
import { toAsyncReader } from '../store/asyncReader.ts';
import type { EventStoreReader } from '../store/eventStore.ts';
import { openStore } from '../store/openStore.ts';
import { cartStory } from '../testing/cartStory.ts';
import { tempDir } from '../testing/tempFiles.ts';
import { fakeMasker, fakeNotes, fakeSigner } from './reportFakes.ts';
import { esc, reportCsp } from './reportHtml.ts';
import { reportChanges, reportEvents, reportFacts, reportTotals } from './reportParts.ts';
import { REPORT_WORDS } from './reportWords.ts';
import { writeReport, type ReportServices } from './writeReport.ts';
import type { ReportRequest } from './reportRequest.ts';

const T0 = 1_767_225_600_000;
const NOW = new Date('2026-12-02T07:00:00.000Z');
const STREAM = 'cart-订单-1';

/** The text a reader sees: no head (meta, style, facts), no script blocks, no tags. */
const visible = (html: string) =>
  html
    .slice(html.indexOf('<body>'))
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]+>/g, ' ');
const all = (html: string, re: RegExp) => [...html.matchAll(re)].map((m) => m[0]);
const metaTags = (html: string) => all(html, /<meta name="ledger-report:[^>]*>/g);
const preBlocks = (html: string) => all(html, /<pre>[\s\S]*?<\/pre>/g);
const dataAttributes = (html: string) => all(html, /data-[\w-]+="[^"]*"/g);
const styleOf = (html: string) => /<style>([\s\S]*?)<\/style>/.exec(html)![1];

/** Pieces of an English catalog sentence that are words (two or more), places and markup taken out. */
function englishPhrases(): string[] {
  const phrases = new Set<string>();
  for (const [key, english] of Object.entries(REPORT_WORDS.en)) {
    if (REPORT_WORDS['zh-CN'][key as keyof typeof REPORT_WORDS.en] === english) continue;
    const text = english.replace(/&lt;|&gt;/g, ' ').replace(/<[^>]+>/g, '\u0000');
    for (const piece of text.split(/\{\{\w+\}\}|\u0000/)) {
      const trimmed = piece.trim().replace(/^[(:,.·]+|[):,.]+$/g, '').trim();
      if (trimmed.split(/\s+/).filter((w) => /[A-Za-z]{2,}/.test(w)).length >= 2) phrases.add(trimmed);
    }
  }
  return [...phrases];
}

describe('writeReport in 简体中文', () => {
  const dir = tempDir('report-zh');
  let store: EventStoreReader;
  let engine: ReturnType<typeof createReplayEngine>;

  beforeAll(() => {
    const writer = openStore(path.join(dir, 's.db'), { readonly: false, create: true });
    writer.append(STREAM, cartStory(T0));
    writer.append('cart-2', [{ type: 'Broken', data: { note: '数据 stays' }, metadata: {}, recordedAt: T0 }]);
    writer.close();
    store = toAsyncReader(openStore(path.join(dir, 's.db')));
    engine = createReplayEngine(store);
  });

  /** The same request and services written in both languages. */
  async function both(name: string, request: Omit<ReportRequest, 'language'>, services: () => Omit<ReportServices, 'now'>) {
    const en = await writeReport(store, engine, request, path.join(dir, `${name}.en.html`), { ...services(), now: NOW });
    const zh = await writeReport(store, engine, { ...request, language: 'zh-CN' }, path.join(dir, `${name}.zh.html`), { ...services(), now: NOW });
    return { en: { ...en, html: fs.readFileSync(en.file.path, 'utf8') }, zh: { ...zh, html: fs.readFileSync(zh.file.path, 'utf8') } };
  }

  async function findingsReport() {
    const stats = await store.stats();
    const integrity: ManifestIntegrity = {
      status: 'findings',
      checkedAt: '2026-12-02T06:00:00.000Z',
      findings: { count: 3, kinds: { edited: 2, 'summary-mismatch': 1 }, positions: [2, 3], positionsTruncated: true },
      chainHead: stats.chainHead,
      lastPosition: stats.lastPosition,
      expectedHead: 'abc@3',
    };
    const key = storeKeyOf(store).key;
    const event = (await store.readStream(STREAM, { fromVersion: 5, toVersion: 5 })).items[0];
    const notes = fakeNotes([
      { id: 'n1', storeKey: key, target: { kind: 'event', eventId: event.eventId, position: event.position, streamId: STREAM, version: 5 }, text: '这里退款两次', author: 'ann', createdAt: '2026-12-01T09:00:00.000Z', updatedAt: '2026-12-01T10:00:00.000Z' },
      { id: 'n2', storeKey: key, target: { kind: 'state', streamId: STREAM, version: 3, projection: 'shopping-cart' }, text: 'fine', author: 'bob', createdAt: '2026-12-01T09:00:00.000Z', updatedAt: '2026-12-01T09:00:00.000Z' },
    ]);
    return both('findings', { streamId: STREAM, versions: [1, 3, 5, 7], maxEvents: 3, maxChanges: 1 }, () => ({ integrity, notes, signer: fakeSigner }));
  }

  it('says <html lang="zh-CN"> and its headings, labels and sentences in Chinese', async () => {
    const { en, zh } = await findingsReport();
    expect(en.html).toContain('<html lang="en">');
    expect(zh.html).toContain('<html lang="zh-CN">');
    expect(zh.html).toContain(`<title>${esc(STREAM)} 的报告，版本 1 至 7</title>`);
    for (const heading of ['1. 存储、完整性、签名者与脱敏', '2. 版本 1 至 7 的事件', '3. 版本 1、3、5、7 的状态', '4. 变化内容及造成变化的事件', '5. 备注']) expect(zh.html).toContain(`<h2>${heading}</h2>`);
    expect(zh.html).toContain('发现问题：共发现 3 个问题（已编辑：2、摘要不一致：1）。');
    expect(zh.html).toContain('<strong>仅列出前 3 个；其余 4 个未收入此报告</strong>');
    expect(zh.html).toContain('<th>变化</th><th>路径</th><th>之前</th><th>之后</th><th>造成变化的事件</th>');
    expect(zh.html).toContain('<strong>备注 1</strong>');
    expect(zh.html).toContain('仅列出前 1 个变化');
    // What kind of store it is, said too (the English report keeps main's description).
    expect(en.html).toMatch(/\(Replay Ledger store \(schema \d+\)\)/);
    expect(zh.html).toMatch(/\(Replay Ledger 存储（架构版本 \d+）\)/);
    // No sentence of the English catalog is left in what a reader sees.
    const text = visible(zh.html);
    const left = englishPhrases().filter((phrase) => text.includes(phrase));
    expect(left).toEqual([]);
    expect(englishPhrases().filter((phrase) => visible(en.html).includes(phrase)).length).toBeGreaterThan(20);
  });

  it('keeps every stored value and every machine-readable part exactly as in the English report', async () => {
    const { en, zh } = await findingsReport();
    expect(zh.facts).toEqual(en.facts);
    expect(reportFacts(zh.html)).toEqual(reportFacts(en.html));
    expect(reportTotals(zh.html)).toEqual(reportTotals(en.html));
    expect(metaTags(zh.html)).toEqual(metaTags(en.html));
    expect(metaTags(zh.html).length).toBeGreaterThan(5);
    // Data as stored: the JSON of events, states and diffs, the event heads (version · type), ids, hashes, paths.
    expect(preBlocks(zh.html)).toEqual(preBlocks(en.html));
    expect(dataAttributes(zh.html)).toEqual(dataAttributes(en.html));
    expect(reportEvents(zh.html).map((e) => e.eventId)).toEqual(reportEvents(en.html).map((e) => e.eventId));
    expect(all(zh.html, /<div class="event-head">[^<]*<\/div>/g)).toEqual(all(en.html, /<div class="event-head">[^<]*<\/div>/g));
    expect(reportChanges(zh.html).map((c) => [c.kind, c.path, c.position])).toEqual(reportChanges(en.html).map((c) => [c.kind, c.path, c.position]));
    expect(zh.html).toContain(`<span class="mono wrap">${esc(STREAM)}</span> 的报告`);
    expect(zh.html).toContain('这里退款两次');
    for (const event of reportEvents(en.html)) expect(zh.html).toContain(event.block.match(/<dd class="mono">([0-9a-f]{64})<\/dd>/)![1]);
  });

  it('prints Chinese page margins in a stylesheet that names CJK fonts and is the one its CSP allows', async () => {
    const { en, zh } = await findingsReport();
    const css = styleOf(zh.html);
    expect(css).toContain('content:"第 " counter(page) " 页，共 " counter(pages) " 页"');
    expect(css).toContain('content:"Replay Ledger 报告"');
    for (const font of ['"Noto Sans CJK SC"', '"PingFang SC"', '"Microsoft YaHei"']) expect(css).toContain(font);
    expect(zh.html).toContain(`content="${esc(reportCsp(css))}"`);
    expect(styleOf(en.html)).toContain('content:"Page " counter(page) " of " counter(pages)');
    expect(en.html).toContain(`content="${esc(reportCsp(styleOf(en.html)))}"`);
  });

  it('says the not-checked reason, the masking and the scheme main wrote in Chinese, the values masked alike', async () => {
    const masker = () => {
      const m = fakeMasker();
      return { ...m, summary: () => ({ ...m.summary(), scheme: TOKEN_SCHEME }) };
    };
    const { en, zh } = await both('masked', { streamId: STREAM, versions: [3, 7] }, () => ({ integrity: { status: 'not-checked', reason: 'skipped with --no-verify' }, masker: masker() }));
    expect(en.html).toContain('Not verified for this report: skipped with --no-verify.');
    expect(zh.html).toContain('此报告未经校验：已用 --no-verify 跳过。');
    expect(zh.html).toContain('<h3>脱敏</h3>');
    expect(zh.html).toContain('对每个值的规范 JSON 计算 HMAC-SHA256');
    expect(zh.html).toMatch(/此报告中共有 \d+ 个值被脱敏/);
    expect(zh.facts).toEqual(en.facts);
    expect(preBlocks(zh.html)).toEqual(preBlocks(en.html));
    expect(englishPhrases().filter((phrase) => visible(zh.html).includes(phrase))).toEqual([]);
  });

  it('says a store without a chain, an unsigned report and a stream without notes in Chinese', async () => {
    const { zh } = await both('plain', { streamId: 'cart-2' }, () => ({ integrity: { status: 'no-chain' } }));
    expect(zh.html).toContain('无哈希链：此存储不保存哈希链');
    expect(zh.html).toContain('未签名：');
    expect(zh.html).toContain('此流上没有备注。');
    expect(zh.html).toContain('数据 stays');
    expect(englishPhrases().filter((phrase) => visible(zh.html).includes(phrase))).toEqual([]);
  });
});
