// verify-export as the tests call it, with one more check on every report: each finding carries
// words that say exactly its English message, and those words say it in 简体中文 too. Wrapping
// the tests' own scenarios (every tampering they stage) checks each site that writes a finding.
import { expect } from 'vitest';
import { ERROR_WORDS, englishError, errorText } from '../../shared/errorWords/index.ts';
import type { VerifyExportReport } from '../../shared/verify.ts';
import { verifyExport as verifyExportAsWritten } from '../export/verifyExport.ts';
import { chineseOf } from '../../shared/testing/chineseOf.ts';

const chinese = chineseOf(ERROR_WORDS['zh-CN']);

export function expectFindingsSaid(report: VerifyExportReport): VerifyExportReport {
  for (const finding of report.findings) {
    expect(finding.words, finding.message).toBeDefined();
    expect(englishError(finding.words!)).toBe(finding.message);
    const zh = errorText(finding, chinese);
    expect(zh, finding.message).toMatch(/[\u4e00-\u9fff]/);
    expect(zh).not.toContain('{{');
  }
  return report;
}

export const verifyExport: typeof verifyExportAsWritten = async (...args) => expectFindingsSaid(await verifyExportAsWritten(...args));
