import { describe, expect, it } from 'vitest';
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
});
