import { describe, expect, it } from 'vitest';
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
});
