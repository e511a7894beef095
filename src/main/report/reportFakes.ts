// Small stand-ins for the evidence services the report takes (notes, masking, signer), for tests:
// the real ones are built apart (evidence/services.ts) and composed in composition.ts.
import { createHash } from 'node:crypto';
import type { CaseNote, MaskingSummary, SignerInfo } from '../../shared/evidence.ts';
import type { StoredEvent } from '../../shared/types.ts';
import type { EventMasker, NotesReader } from '../evidence/services.ts';

/** Notes kept in memory; records which store keys were asked for. */
export function fakeNotes(notes: CaseNote[]): NotesReader & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    list: (storeKey) => {
      asked.push(storeKey);
      return notes.filter((n) => n.storeKey === storeKey);
    },
  };
}

/** Masks every string under data (and metadata.actor) with a hash token: a crude but total masker. */
export function fakeMasker(): EventMasker & { count: () => number } {
  let masked = 0;
  const token = (value: string) => {
    masked++;
    return `masked:${createHash('sha256').update(`secret\u0000${value}`).digest('hex').slice(0, 16)}`;
  };
  const all = (value: unknown): unknown => {
    if (typeof value === 'string') return token(value);
    if (Array.isArray(value)) return value.map(all);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, all(v)]));
    return value;
  };
  const metadata = (value: unknown): unknown => {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
    const copy = { ...(value as Record<string, unknown>) };
    if (typeof copy.actor === 'string') copy.actor = token(copy.actor);
    return copy;
  };
  const summary = (): MaskingSummary => ({ rules: [{ kind: 'path', path: 'data' }, { kind: 'path', path: 'metadata.actor' }], scheme: 'test tokens (sha256, fixed secret)', maskedValues: masked });
  return {
    count: () => masked,
    maskEvent: (event: StoredEvent) => ({ ...event, data: all(event.data), metadata: metadata(event.metadata) as Record<string, unknown> }),
    maskValue: (value, root) => (root === 'data' ? all(value) : metadata(value)),
    summary,
  };
}

export const fakeSigner: SignerInfo = {
  name: 'Auditor <b>Test</b>',
  fingerprint: '3f9a12c0'.repeat(8),
  createdAt: '2026-12-01T10:00:00.000Z',
  publicKeyPem: '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n-----END PUBLIC KEY-----\n',
  protection: 'file',
};
