import { describe, expect, it } from 'vitest';
import { NO_RECORDED_HEAD_CAVEAT, type IntegrityStatus } from '../../../shared/verify.ts';
import { i18n } from '../i18n/index.ts';
import { integrityBadge } from './IntegrityBadge.tsx';

const verified: IntegrityStatus = {
  openId: 1,
  status: 'verified',
  done: 10,
  total: 10,
  checkedAt: '2026-12-02T14:19:11.054Z',
  findingCount: 0,
  findingKinds: {},
  affected: [],
  affectedTruncated: false,
  chainHead: 'ab'.repeat(32),
  lastPosition: 10,
  caveat: NO_RECORDED_HEAD_CAVEAT,
  reason: null,
};

describe('the integrity badge', () => {
  it("gives main's no-recorded-head caveat and the check's time in the reader's language", async () => {
    expect(integrityBadge(verified).title).toContain(NO_RECORDED_HEAD_CAVEAT);
    await i18n.changeLanguage('zh-CN');
    try {
      const { label, title } = integrityBadge(verified);
      expect(label).toBe('已校验，无记录的链头');
      expect(title).toMatch(/^哈希链完整；.*校验于 2026年12月[23]日/);
      // The time names its zone (UTC unless the header's clock says local); nothing else is Latin text.
      expect(title).toContain('UTC');
      expect(title.replace(/UTC/g, '')).not.toMatch(/[A-Za-z]{2,}/);
    } finally {
      await i18n.changeLanguage('en');
    }
  });

  it('names finding kinds and says why there is no verdict in the reader\'s language; English is main\'s own sentence', async () => {
    const findings: IntegrityStatus = { ...verified, status: 'findings', caveat: null, findingCount: 1203, findingKinds: { edited: 1200, 'summary-mismatch': 3 } };
    const noChain: IntegrityStatus = { ...verified, status: 'no-chain', caveat: null, checkedAt: null, reason: 'emmett-sqlite keeps no hash chain, so there is nothing to verify.', why: { case: 'noChain', adapter: 'emmett-sqlite' } };
    const failed: IntegrityStatus = { ...verified, status: 'not-checked', caveat: null, checkedAt: null, reason: 'the check failed: disk I/O error', why: { case: 'failed', error: 'disk I/O error' } };
    const cancelled: IntegrityStatus = { ...failed, reason: 'the check was cancelled', why: { case: 'cancelled' } };
    expect(integrityBadge(findings).title).toBe('This store failed verification (Edited 1,200, Summary mismatch 3). Open Integrity for details.');
    expect(integrityBadge(noChain).title).toBe(noChain.reason);
    expect(integrityBadge(failed).title).toBe('Not verified: the check failed: disk I/O error. Run a check on the Integrity screen.');
    expect(integrityBadge(cancelled).title).toContain(cancelled.reason);
    // An older main without the facts: its words are shown as they are.
    expect(integrityBadge({ ...noChain, why: undefined, reason: 'as main said' }).title).toBe('as main said');
    await i18n.changeLanguage('zh-CN');
    try {
      const titles = [findings, noChain, failed, cancelled].map((s) => integrityBadge(s).title);
      expect(titles[0]).toContain('1,200');
      expect(titles[1]).toContain('emmett-sqlite');
      expect(titles[2]).toContain('disk I/O error');
      const left = titles.map((text) => text.replace('emmett-sqlite', '').replace('disk I/O error', ''));
      for (const text of left) expect(text).not.toMatch(/[A-Za-z]{2,}/);
    } finally {
      await i18n.changeLanguage('en');
    }
  });
});
