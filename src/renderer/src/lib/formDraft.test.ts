import { describe, expect, it } from 'vitest';
import { followApplied } from './formDraft.ts';

const base = { prefix: 'cart-', actor: 'ada', from: '', types: ['A'] };

describe('followApplied', () => {
  it('keeps an edit in another field when one field is applied', () => {
    // prefix was cleared and applied on blur; meanwhile the actor field was cleared too.
    const draft = { ...base, prefix: '', actor: '' };
    const next = { ...base, prefix: '' };
    expect(followApplied(draft, base, next)).toEqual({ ...base, prefix: '', actor: '' });
  });

  it('takes every field that changed from outside the form', () => {
    const draft = { ...base, actor: 'typing' };
    const cleared = { prefix: '', actor: '', from: '', types: [] };
    expect(followApplied(draft, base, cleared)).toEqual(cleared);
  });

  it('returns the same draft when nothing it shows changed (a re-parsed but equal value)', () => {
    const draft = { ...base, actor: 'typing' };
    expect(followApplied(draft, base, { ...base, types: ['A'] })).toBe(draft);
  });
});
