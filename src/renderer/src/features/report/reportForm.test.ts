import { describe, expect, it } from 'vitest';
import type { StreamSummary } from '../../../../shared/types.ts';
import { reportRequestOf } from './reportForm.ts';
import { i18n } from '../../i18n/index.ts';

const stream = { streamId: 'cart-1', version: 7 } as StreamSummary;
const fields = { fromText: '1', toText: '7', versionsText: '', allEvents: false, projection: null };

describe('reportRequestOf', () => {
  it('builds the request from the fields', () => {
    expect(reportRequestOf(stream, fields)).toEqual({ streamId: 'cart-1', fromVersion: 1, toVersion: 7 });
    expect(reportRequestOf(stream, { ...fields, fromText: '2', versionsText: '3, 5,7', allEvents: true, projection: 'shopping-cart' })).toEqual({
      streamId: 'cart-1',
      fromVersion: 2,
      toVersion: 7,
      versions: [3, 5, 7],
      projection: 'shopping-cart',
      maxEvents: null,
    });
  });

  it('says what to fix', () => {
    expect(reportRequestOf(stream, { ...fields, toText: '9' })).toBe('The range runs from version 1 to 7.');
    expect(reportRequestOf(stream, { ...fields, fromText: '5', toText: '3' })).toBe('The first version must not be after the last one.');
    expect(reportRequestOf(stream, { ...fields, versionsText: '3,x' })).toMatch(/such as 3,17,40/);
    expect(reportRequestOf(stream, { ...fields, versionsText: '3,40' })).toBe('This stream has states at versions 0 to 7; there is none at 40.');
  });

  it('says what to fix in the reader\'s language', async () => {
    await i18n.changeLanguage('zh-CN');
    try {
      expect(reportRequestOf(stream, { ...fields, versionsText: '3,40,41' })).toBe('此流的状态位于版本 0 到 7；40、41 处没有状态。');
      expect(reportRequestOf(stream, { ...fields, toText: '9' })).toBe('范围是从版本 1 到 7。');
    } finally {
      await i18n.changeLanguage('en');
    }
    expect(reportRequestOf(stream, { ...fields, toText: '9' })).toBe('The range runs from version 1 to 7.');
  });
});
