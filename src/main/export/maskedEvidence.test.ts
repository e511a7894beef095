// A masked bundle carries the activity excerpt and case notes masked too: a searched e-mail address
// or a note quoting a card number must not ride along in clear beside masked events.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ActivityEntry, CaseNote } from '../../shared/evidence.ts';
import { createMasker } from '../masking/masker.ts';
import { withMaskingEvidence } from './manifest.ts';

const entry = (details: Record<string, unknown>): ActivityEntry => ({
  seq: 1, at: '2026-12-02T00:00:00.000Z', user: 'auditor', action: 'search', storeKey: 'k', storeLabel: 'store.db', chainHead: null, details, prevHash: '0'.repeat(64), hash: 'f'.repeat(64),
});
const note = (text: string): CaseNote => ({
  id: 'n1', storeKey: 'k', target: { kind: 'state', streamId: 's', version: 1 }, text, author: 'auditor', createdAt: '2026-12-02T00:00:00.000Z', updatedAt: '2026-12-02T00:00:00.000Z',
});

describe('withMaskingEvidence', () => {
  const masker = createMasker({ rules: [{ kind: 'pattern', pattern: 'email' }, { kind: 'pattern', pattern: 'card' }], secret: randomBytes(32) });
  const activity = { record: () => null, excerpt: () => [entry({ q: 'ann@example.org', total: 3 })] };
  const notes = { list: () => [note('refund to ann@example.org on card 4111 1111 1111 1111, twice')] };

  it('masks the excerpt and the notes with the bundle masker, and records what masking did', () => {
    const evidence = withMaskingEvidence({ activity, notes }, masker)!;
    const bytes = JSON.stringify([evidence.activity!.excerpt('k'), evidence.notes!.list('k')]);
    expect(bytes).not.toContain('ann@example.org');
    expect(bytes).not.toContain('4111 1111 1111 1111');
    expect(bytes).toContain('masked:');
    expect(bytes).toContain('twice');
    expect(typeof evidence.masking === 'function' ? evidence.masking() : evidence.masking).toMatchObject({ rules: masker.summary().rules });
  });

  it('leaves the evidence as given without a masker', () => {
    const evidence = { activity, notes };
    expect(withMaskingEvidence(evidence, undefined)).toBe(evidence);
  });
});
