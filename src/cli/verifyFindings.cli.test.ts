// ledger verify says its findings in the reader's language: with --lang zh-CN each finding's
// sentence is Chinese (stream ids and SQLite's names as stored), in English it is main's sentence
// as before, and --json is the same data in both languages, words included.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { deleteEvent } from '../main/testing/tamper.ts';
import { tempDir } from '../main/testing/tempFiles.ts';
import { writeEmmettFile } from '../main/testing/emmettFile.ts';
import { cells } from './format.ts';
import { cli } from './testing.ts';

/** A report without what differs from run to run. */
const timeless = (json: string) => {
  const { startedAt: _s, durationMs: _d, ...rest } = JSON.parse(json);
  return rest;
};

describe('ledger verify findings in 简体中文', () => {
  const dir = tempDir('cli-verify-zh');
  const tampered = path.join(dir, 'tampered.db');

  beforeAll(async () => {
    const file = path.join(dir, 'demo.db');
    expect((await cli('demo', '--out', file, '--streams', '12', '--events', '400', '--long-streams', '0', '--seed', 'verify-zh')).code).toBe(0);
    fs.copyFileSync(file, tampered);
    deleteEvent(tampered, 123);
  });

  it('prints each finding’s sentence in Chinese, and in English as main wrote it', async () => {
    const zh = await cli('--lang', 'zh-CN', 'verify', tampered, '--no-integrity-check');
    expect(zh.code).toBe(1);
    expect(zh.stdout).toMatch(/^ {2}deleted\s+.*哈希链中缺少位置 123：存储在位置 124 处的事件链接到一个已不在存储中的事件。缺失的是流“[^”]+”的版本 \d+。$/m);
    expect(zh.stdout).toMatch(/^ {2}summary-mismatch\s+.*ledger_head 记录的 event_count 为 400（实际存储了 399 个事件）。$/m);
    expect(zh.stdout).not.toMatch(/is missing from the chain|events are stored|ledger_head says/);
    // Where the place fits its column, the sentence starts at the same terminal cell, whether the
    // place is a stream id or 存储 (two cells a character).
    const starts = zh.stdout
      .split('\n')
      .map((line) => /^( {2}summary-mismatch \S+ +)/.exec(line)?.[1])
      .filter((prefix) => prefix !== undefined)
      .map((prefix) => cells(prefix));
    expect(starts.length).toBeGreaterThan(2);
    expect(new Set(starts)).toEqual(new Set([2 + 16 + 1 + 22 + 1]));

    const en = await cli('verify', tampered, '--no-integrity-check');
    expect(en.stdout).toMatch(/^ {2}deleted\s+.*Position 123 is missing from the chain: the event stored at position 124 links to an event that is no longer in the store\. It was version \d+ of stream '[^']+'\.$/m);
    expect(en.stdout).toMatch(/^ {2}summary-mismatch\s+.*ledger_head says event_count 400 \(399 events are stored\)\.$/m);
  });

  it('--json is the same in both languages and carries the words beside the English', async () => {
    const en = await cli('verify', tampered, '--json', '--no-integrity-check');
    const zh = await cli('--lang', 'zh-CN', 'verify', tampered, '--json', '--no-integrity-check');
    expect(timeless(zh.stdout)).toEqual(timeless(en.stdout));
    const deleted = timeless(en.stdout).findings.find((f: { kind: string }) => f.kind === 'deleted');
    expect(deleted).toMatchObject({ message: expect.stringMatching(/^Position 123 is missing from the chain/), words: { key: 'errorWords.finding.deletedWasInStream' } });
  });

  it('a store without a chain: what was checked and what cannot be, in Chinese', async () => {
    const emmett = path.join(dir, 'emmett.sqlite');
    await writeEmmettFile(emmett, [['cart-1', [{ type: 'ItemAdded', data: { sku: 'A' } }]]]);
    const zh = await cli('--lang', 'zh-CN', 'verify', emmett);
    expect(zh.stdout).toContain('此存储没有哈希链：已检查版本、位置、摘要和回读');
    expect(zh.stdout).toContain('已通过各自的路径回读全部 1 个流。');
    expect(zh.stdout).not.toMatch(/keeps no hash chain|Read back/);
    expect((await cli('verify', emmett)).stdout).toContain('Read back all 1 streams through their own path.');
  });
});
