import { describe, expect, it } from 'vitest';
import { describeActorFilter, parseActorFilter } from './actorFilter.ts';

describe('parseActorFilter', () => {
  it('trims, and a blank filter is no filter', () => {
    expect(parseActorFilter('  support:ken ')).toEqual({ kind: 'exact', text: 'support:ken', actor: 'support:ken' });
    expect(parseActorFilter('   ')).toBeNull();
  });

  it('a trailing * is a prefix, an embedded * a pattern with ? and [ literal', () => {
    expect(parseActorFilter('support:*')).toEqual({ kind: 'prefix', text: 'support:*', prefix: 'support:' });
    expect(parseActorFilter('*')).toEqual({ kind: 'prefix', text: '*', prefix: '' });
    expect(parseActorFilter('sup*:k?n[1]')).toEqual({ kind: 'pattern', text: 'sup*:k?n[1]', prefix: 'sup', glob: 'sup*:k[?]n[[]1]' });
    expect(parseActorFilter('*:ken')).toMatchObject({ kind: 'pattern', prefix: '', glob: '*:ken' });
  });

  it('\\* is a literal star (an actor named * or a*b can be matched exactly)', () => {
    expect(parseActorFilter('\\*')).toEqual({ kind: 'exact', text: '\\*', actor: '*' });
    expect(parseActorFilter('a\\*b*')).toEqual({ kind: 'prefix', text: 'a\\*b*', prefix: 'a*b' });
    expect(parseActorFilter('a\\**b')).toEqual({ kind: 'pattern', text: 'a\\**b', prefix: 'a*', glob: 'a[*]*b' });
    expect(parseActorFilter('\\')).toEqual({ kind: 'exact', text: '\\', actor: '\\' });
  });

  it('describes what it will match', () => {
    expect(describeActorFilter(parseActorFilter('user:ada')!)).toBe("actor is exactly 'user:ada'");
    expect(describeActorFilter(parseActorFilter('support:*')!)).toBe("actor starts with 'support:'");
    expect(describeActorFilter(parseActorFilter('*')!)).toBe('any actor');
    expect(describeActorFilter(parseActorFilter('*:ken')!)).toBe("actor matches '*:ken' (* = any text)");
  });
});
