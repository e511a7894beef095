// The CLI in 简体中文: chosen by --lang or by the locale, it says its headings, results and errors
// in Chinese, keeps event data as stored, lines its tables up in terminal cells, and leaves --json
// exactly as it is in English.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../main/testing/tempFiles.ts';
import { cells } from '../format.ts';
import { cli, spawnCliWith } from '../testing.ts';

const NO_CHOICE = { LEDGER_LANG: '', LC_ALL: '', LC_MESSAGES: '' };

describe('ledger in 简体中文', () => {
  const dir = tempDir('ledger-cli-zh');
  const file = path.join(dir, 'demo.db');

  beforeAll(async () => {
    const made = await cli('demo', '--out', file, '--streams', '12', '--events', '600', '--long-streams', '0', '--seed', 'zh');
    expect(made.code).toBe(0);
  });

  it('stats: Chinese labels, the numbers grouped, the facts as in English', async () => {
    const zh = await cli('--lang', 'zh-CN', 'stats', file);
    expect(zh.code).toBe(0);
    expect(zh.stdout).toMatch(/^事件\s+600$/m);
    expect(zh.stdout).toMatch(/^流\s+12$/m);
    expect(zh.stdout).toContain('以只读方式打开');
    expect(zh.stdout).not.toMatch(/Events|Streams|Chain head|read-only/);
    // The values column starts at the same terminal cell on every line.
    // (Chinese labels have no spaces; a layout note's line has no label.)
    const starts = zh.stdout
      .trimEnd()
      .split('\n')
      .filter((line) => !line.startsWith(' '))
      .map((line) => {
        const [, label, gap] = /^(\S+)(\s+)/.exec(line)!;
        return cells(label) + gap.length;
      });
    expect(new Set(starts).size).toBe(1);
  });

  it('--json is machine output: the same bytes in both languages', async () => {
    const en = await cli('stats', file, '--json');
    const zh = await cli('--lang', 'zh-CN', 'stats', file, '--json');
    expect(zh.stdout).toBe(en.stdout);
    const events = await cli('--lang=zh-CN', 'events', file, '--limit', '3', '--json');
    expect(events.stdout).toBe((await cli('events', file, '--limit', '3', '--json')).stdout);
  });

  it('follows the locale (LANG=zh_CN.UTF-8) when neither --lang nor LEDGER_LANG is given', () => {
    const streams = spawnCliWith({ ...NO_CHOICE, LANG: 'zh_CN.UTF-8' }, 'streams', file, '--limit', '3');
    expect(streams.code).toBe(0);
    const [heading, first] = streams.stdout.split('\n');
    expect(heading).toMatch(/^流\s+类别\s+事件数\s+最近活动$/);
    // Wide headings: each column starts at the same cell in the heading and in the rows.
    const column = (line: string, n: number) => {
      const parts = [...line.matchAll(/\S+/g)];
      return cells(line.slice(0, parts[n].index));
    };
    expect(column(first, 1)).toBe(column(heading, 1));
    expect(streams.stdout).toContain('… 更多：--after');
    // LEDGER_LANG wins over the locale, --lang over both.
    expect(spawnCliWith({ ...NO_CHOICE, LANG: 'zh_CN.UTF-8', LEDGER_LANG: 'en' }, 'streams', file, '--limit', '1').stdout).toMatch(/^STREAM\s+CATEGORY/);
    expect(spawnCliWith({ ...NO_CHOICE, LEDGER_LANG: 'en' }, '--lang', 'zh-CN', 'streams', file, '--limit', '1').stdout).toMatch(/^流\s+类别/);
  });

  it('usage errors and help in Chinese, exit codes unchanged', async () => {
    const missing = await cli('--lang', 'zh-CN', 'events');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('哪个存储？');
    expect(missing.stderr).toContain('用法：');
    const bad = await cli('--lang', 'zh-CN', 'streams', file, '--limit', 'x');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--limit 必须是整数，收到的是“x”。');
    const unknownOption = await cli('--lang', 'zh-CN', 'streams', file, '--bogus');
    expect(unknownOption.code).toBe(2);
    expect(unknownOption.stderr).toContain('ledger streams: 未知选项“--bogus”。');
    expect((await cli('streams', file, '--bogus')).stderr).toContain("ledger streams: Unknown option '--bogus'.");
    const help = await cli('--lang', 'zh-CN', 'verify', '--help');
    expect(help.stdout).toContain('ledger verify FILE [--expect-head HASH[@POSITION]]');
    expect(help.stdout).toContain('遍历哈希链');
    const unknown = await cli('--lang', 'zh-CN', 'nope');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('ledger：未知命令“nope”。');
  });

  it('a store that cannot be opened: the reason in Chinese, the path as written, --json unchanged', async () => {
    const gone = path.join(dir, 'gone.db');
    const zh = await cli('--lang', 'zh-CN', 'stats', gone);
    expect(zh.code).toBe(1);
    expect(zh.stderr).toBe(`ledger stats: ${gone} 处没有文件。\n`);
    const en = await cli('stats', gone);
    expect(en.stderr).toBe(`ledger stats: No file at ${gone}.\n`);
    const json = await cli('stats', gone, '--json');
    expect((await cli('--lang', 'zh-CN', 'stats', gone, '--json')).stdout).toBe(json.stdout);
    expect(JSON.parse(json.stdout).error).toMatchObject({ code: 'FILE_NOT_FOUND', message: `No file at ${gone}.`, words: { key: 'errorWords.file.missing', facts: { path: gone } } });
  });

  it('verify, search and events: results in Chinese words, event types as stored', async () => {
    const verified = await cli('--lang', 'zh-CN', 'verify', file, '--no-integrity-check');
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain('结论         完好：没有发现问题。');
    const found = await cli('--lang', 'zh-CN', 'search', file, 'type:ItemAdded', '--limit', '2');
    expect(found.stdout).toMatch(/^[\d,]+ 个事件匹配；显示 2 个。$/m);
    expect(found.stdout).toContain('ItemAdded');
    const events = await cli('--lang', 'zh-CN', 'events', file, '--limit', '2');
    expect(events.stdout.split('\n')[0]).toMatch(/^位置\s+流\s+版本\s+时间\s+类型\s+操作者\s+数据$/);
  });
});
