import { describe, expect, it } from 'vitest';
import { i18n } from '../../i18n/index.ts';
import { missingVersion } from './missingVersion.ts';

const cart = { streamId: 'cart-000137', version: 89, eventCount: 89 };

describe('missingVersion', () => {
  it('names a linked version beyond the last one and the stream’s size', () => {
    expect(missingVersion(cart, [999])).toEqual({ asked: 999, last: 89, message: 'Version 999 does not exist: cart-000137 has 89 events.' });
    expect(missingVersion(cart, [null, 3, 90])?.asked).toBe(90);
  });

  it('accepts every version the stream has, and no version at all', () => {
    expect(missingVersion(cart, [0, 89, null, undefined])).toBeNull();
  });

  it('shows invisible characters of the stream id', () => {
    expect(missingVersion({ ...cart, streamId: 'cart\u202e1' }, [100])?.message).not.toContain('\u202e');
  });

  it('says one event, or where a stream with gaps ends, and speaks Chinese with grouped numbers', async () => {
    expect(missingVersion({ ...cart, version: 1, eventCount: 1 }, [2])?.message).toBe('Version 2 does not exist: cart-000137 has 1 event.');
    expect(missingVersion({ ...cart, eventCount: 88 }, [1200])?.message).toBe('Version 1,200 does not exist: cart-000137 ends at version 89.');
    await i18n.changeLanguage('zh-CN');
    try {
      expect(missingVersion(cart, [99999])?.message).toBe('版本 99,999 不存在：cart-000137 只有 89 个事件。');
    } finally {
      await i18n.changeLanguage('en');
    }
  });
});
