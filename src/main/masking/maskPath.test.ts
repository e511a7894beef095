import { describe, expect, it } from 'vitest';
import { parseMaskPath } from './maskPath.ts';

describe('masking path grammar', () => {
  it('reads names, any key, any element, indices and quoted keys', () => {
    expect(parseMaskPath('data.customer.email').steps).toEqual([{ kind: 'key', key: 'customer' }, { kind: 'key', key: 'email' }]);
    expect(parseMaskPath('metadata.actor')).toMatchObject({ root: 'metadata', steps: [{ kind: 'key', key: 'actor' }] });
    expect(parseMaskPath('data.items[].name').steps).toEqual([{ kind: 'key', key: 'items' }, { kind: 'anyElement' }, { kind: 'key', key: 'name' }]);
    expect(parseMaskPath('data.*.email').steps[0]).toEqual({ kind: 'any' });
    expect(parseMaskPath('data.items[2]["e-mail address"]').steps).toEqual([{ kind: 'key', key: 'items' }, { kind: 'index', index: 2 }, { kind: 'key', key: 'e-mail address' }]);
    expect(parseMaskPath('data').steps).toEqual([]);
  });

  it('says where and why a path is not one', () => {
    expect(() => parseMaskPath('customer.email')).toThrow(/starts with 'data' or 'metadata', not 'customer'/);
    expect(() => parseMaskPath('data..email')).toThrow(/character 6: expected a name or \* after '\.'/);
    expect(() => parseMaskPath('data.items[')).toThrow(/'\[' is not closed/);
    expect(() => parseMaskPath('data.items[x]')).toThrow(/inside \[ \]/);
    expect(() => parseMaskPath('data email')).toThrow(/expected '\.' or '\[' but found ' '/);
    expect(() => parseMaskPath('  ')).toThrow(/empty/);
  });
});
