import { describe, expect, it } from 'vitest';
import { i18n } from '../../i18n/index.ts';
import { accessText, hiddenRowsText, isDatabase, readonlyBadgeTitle } from './storeFactsText.ts';

describe('store facts wording', () => {
  it('counts hidden rows apart, with their own name', () => {
    expect(hiddenRowsText({ what: 'tombstone events', count: 12 })).toBe('tombstone events: 12 hidden, not counted in the events above');
    expect(hiddenRowsText({ what: 'tombstone events', count: 1234 })).toContain('1,234 hidden');
    expect(hiddenRowsText({ what: 'tombstone events', count: 0 })).toBe('tombstone events: none in this store');
  });

  it('says a database is read-only at the server, a file read-only in the viewer', () => {
    expect(isDatabase({ kind: 'postgres' })).toBe(true);
    expect(isDatabase({ kind: 'file' })).toBe(false);
    expect(isDatabase({})).toBe(false);
    expect(accessText({ kind: 'postgres', readonly: true })).toMatch(/^Read-only at the server/);
    expect(accessText({ kind: 'file', readonly: true })).toBe('Read-only: the viewer cannot change this file.');
    expect(accessText({ readonly: true, access: 'snapshot' })).toMatch(/private copy/);
    expect(accessText({ kind: 'file', readonly: false })).toBe('Writable');
    expect(readonlyBadgeTitle({ kind: 'postgres' })).toMatch(/at the server/);
    expect(readonlyBadgeTitle({ kind: 'file' })).not.toMatch(/server/);
  });

  it("speaks the reader's language, keeping the layout's own words and grouped numbers", async () => {
    await i18n.changeLanguage('zh-CN');
    try {
      expect(hiddenRowsText({ what: 'tombstone events', count: 1234 })).toBe('tombstone events：1,234 行已隐藏，未计入上方的事件');
      expect(accessText({ kind: 'file', readonly: true })).toBe('只读：查看器无法修改此文件。');
    } finally {
      await i18n.changeLanguage('en');
    }
    expect(accessText({ kind: 'file', readonly: true })).toBe('Read-only: the viewer cannot change this file.');
  });
});
