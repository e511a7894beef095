import { describe, expect, it } from 'vitest';
import { hasInvisible, visibleText } from './safeText.tsx';

describe('visibleText', () => {
  it('escapes control, bidi and zero-width characters and leaves the rest alone', () => {
    expect(visibleText('rtl-\u202Eevil\u202C')).toBe('rtl-\\u202eevil\\u202c');
    expect(visibleText('a\u0000b\u0007c\u001b[31m')).toBe('a\\u0000b\\u0007c\\u001b[31m');
    expect(visibleText('zero\u200Bwidth\uFEFF')).toBe('zero\\u200bwidth\\ufeff');
    expect(visibleText('line\nbreak\ttab')).toBe('line\\nbreak\\ttab');
    expect(visibleText('ünïcødé-流-🚀 <b>&amp;</b>')).toBe('ünïcødé-流-🚀 <b>&amp;</b>');
    expect(hasInvisible('plain')).toBe(false);
    expect(hasInvisible('x\u2066y')).toBe(true);
  });
});
