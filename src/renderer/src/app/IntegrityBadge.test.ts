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
});
