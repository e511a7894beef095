import { describe, expect, it } from 'vitest';
import { pickLanguage, supportedLanguage } from './language.ts';

describe('pickLanguage', () => {
  it('follows the OS / browser languages: any Chinese is 简体中文, anything else English', () => {
    expect(pickLanguage({ preferred: ['zh-CN', 'en'] })).toBe('zh-CN');
    expect(pickLanguage({ preferred: ['zh-TW'] })).toBe('zh-CN');
    expect(pickLanguage({ preferred: ['de-DE', 'zh'] })).toBe('zh-CN');
    expect(pickLanguage({ preferred: ['en-GB', 'zh-CN'] })).toBe('en');
    expect(pickLanguage({ preferred: ['fr-FR'] })).toBe('en');
    expect(pickLanguage({})).toBe('en');
  });

  it('prefers the remembered choice to the OS, and ?lang= to both', () => {
    expect(pickLanguage({ stored: 'en', preferred: ['zh-CN'] })).toBe('en');
    expect(pickLanguage({ stored: 'zh-CN', preferred: ['en-US'] })).toBe('zh-CN');
    expect(pickLanguage({ search: '?token=abc&lang=zh-CN', stored: 'en', preferred: ['en'] })).toBe('zh-CN');
    expect(pickLanguage({ search: '?lang=en', stored: 'zh-CN', preferred: ['zh-CN'] })).toBe('en');
  });

  it('ignores languages it has no catalog for', () => {
    expect(pickLanguage({ search: '?lang=klingon', stored: 'xx', preferred: ['zh-Hans-CN'] })).toBe('zh-CN');
    expect(supportedLanguage('')).toBeNull();
    expect(supportedLanguage('EN-us')).toBe('en');
  });
});
