// The Verify screen's findings say main's words in the reader's language (a real verification of a
// store with an event deleted), and a finding without words (a report from an older main) as written.
import path from 'node:path';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeCleanStore } from '../../../../main/testing/findingScenarios.ts';
import { deleteEvent } from '../../../../main/testing/tamper.ts';
import { tempDir } from '../../../../main/testing/tempFiles.ts';
import { verify } from '../../../../main/verify/verify.ts';
import type { VerifyReport } from '../../../../shared/verify.ts';
import { i18n } from '../../i18n/index.ts';
import { Findings } from './Findings.tsx';

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/\s+/g, ' ').trim();
const shown = (report: VerifyReport) => text(renderToStaticMarkup(createElement(Findings, { report })));

describe('Findings', () => {
  let report: VerifyReport;
  beforeAll(async () => {
    const file = path.join(tempDir('findings-view'), 'tampered.db');
    writeCleanStore(file);
    deleteEvent(file, 12);
    report = await verify(file, { integrityCheck: 'skip' });
  });

  it('shows main’s English sentences in English', () => {
    expect(shown(report)).toContain("Position 12 is missing from the chain: the event stored at position 13 links to an event that is no longer in the store. It was version 4 of stream 'account-2'.");
  });

  it('says them in 简体中文, ids as stored, and a finding without words as written', async () => {
    await i18n.changeLanguage('zh-CN');
    try {
      const zh = shown(report);
      expect(zh).toContain('哈希链中缺少位置 12：存储在位置 13 处的事件链接到一个已不在存储中的事件。缺失的是流“account-2”的版本 4。');
      expect(zh).toContain('ledger_head 记录的 event_count 为 30（实际存储了 29 个事件）。');
      expect(zh).not.toContain('is missing from the chain');
      const older = { ...report, findings: report.findings.map(({ words: _words, ...finding }) => finding) };
      expect(shown(older)).toContain('Position 12 is missing from the chain');
    } finally {
      await i18n.changeLanguage('en');
    }
  });
});
