// The report's catalog: both languages hold the same sentences with the same places, and the English
// of main's own facts (reasons, caveat, masking scheme) is exactly what main writes, so the report can
// recognise them and say them in Chinese.
import { describe, expect, it } from 'vitest';
import { NO_RECORDED_HEAD_CAVEAT } from '../../shared/verify.ts';
import { expectSameKeysAndPlaces } from '../../shared/testing/chineseOf.ts';
import { TOKEN_SCHEME } from '../masking/token.ts';
import { emptyStatus, manifestIntegrity } from '../verify/integrityStatus.ts';
import { caveatHtml, findingKindHtml, reasonHtml, schemeHtml } from './factWords.ts';
import { esc } from './reportHtml.ts';
import { ENGLISH, reportVoice } from './reportVoice.ts';
import { REPORT_WORDS } from './reportWords.ts';

const zh = reportVoice('zh-CN');

describe('the report catalog', () => {
  it('has the same keys and {{places}} in English and 简体中文', () => {
    expectSameKeysAndPlaces(REPORT_WORDS);
  });

  it('says every Chinese sentence in Chinese (no English sentence left behind)', () => {
    for (const [key, english] of Object.entries(REPORT_WORDS.en)) {
      const chinese = REPORT_WORDS['zh-CN'][key as keyof typeof REPORT_WORDS.en];
      // Finding codes, symbols and separators aside, every sentence differs from its English.
      if (/\s/.test(english) && english.length > 12) expect(chinese, key).not.toBe(english);
    }
  });

  it('recognises the reasons, caveat and scheme main writes, and shows any other text as written', () => {
    const reasons = [
      manifestIntegrity(null),
      manifestIntegrity(emptyStatus(1, 'checking')),
      manifestIntegrity(emptyStatus(1, 'not-checked', 'the check was cancelled')),
      manifestIntegrity(emptyStatus(1, 'not-checked', 'the check failed: disk <full>')),
      { status: 'not-checked', reason: 'skipped with --no-verify' } as const, // cli/commands/transfer.ts verdictFor
    ].map((i) => (i.status === 'not-checked' ? i.reason! : ''));
    for (const reason of reasons) {
      expect(reasonHtml(reason, ENGLISH)).toBe(esc(reason));
      expect(reasonHtml(reason, zh), reason).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(reasonHtml('the check failed: disk <full>', zh)).toBe('校验失败：disk &lt;full&gt;');
    expect(reasonHtml('something <else>', zh)).toBe('something &lt;else&gt;');
    expect(caveatHtml(NO_RECORDED_HEAD_CAVEAT, ENGLISH)).toBe(esc(NO_RECORDED_HEAD_CAVEAT));
    expect(caveatHtml(NO_RECORDED_HEAD_CAVEAT, zh)).toMatch(/^哈希链完整/);
    expect(caveatHtml('odd', zh)).toBe('odd');
    expect(schemeHtml(TOKEN_SCHEME, ENGLISH)).toBe(esc(TOKEN_SCHEME));
    expect(schemeHtml(TOKEN_SCHEME, zh)).toContain('HMAC-SHA256');
    expect(schemeHtml(TOKEN_SCHEME, zh)).not.toContain('canonical');
    expect(findingKindHtml('summary-mismatch', ENGLISH)).toBe('summary-mismatch');
    expect(findingKindHtml('summary-mismatch', zh)).toBe('摘要不一致');
    expect(findingKindHtml('new-kind', zh)).toBe('new-kind');
  });

  it('groups counts and chooses plural forms as each language does', () => {
    expect([ENGLISH.count(12345), zh.count(12345)]).toEqual(['12,345', '12,345']);
    expect([ENGLISH.form(1), ENGLISH.form(2), zh.form(1)]).toEqual(['one', 'other', 'other']);
    expect([ENGLISH.list(['1', '2']), zh.list(['1', '2'])]).toEqual(['1, 2', '1、2']);
  });
});
