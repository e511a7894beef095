import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { MaskRule } from '../../shared/evidence.ts';
import type { StoredEvent } from '../../shared/types.ts';
import { decodeEventRow } from '../store/decode.ts';
import { createMasker } from './masker.ts';
import { eventJson } from '../export/eventFormats.ts';
import { maskStateResult } from './resultMasking.ts';

const secret = randomBytes(32);
const rules: MaskRule[] = [
  { kind: 'path', path: 'data.customer.email' },
  { kind: 'path', path: 'data.items[].name' },
  { kind: 'path', path: 'metadata.actor' },
  { kind: 'pattern', pattern: 'iban' },
  { kind: 'pattern', pattern: 'card' },
];
const TOKEN = /^masked:[0-9a-f]{16}$/;

const event = (data: string, metadata = '{"actor":"alice"}'): StoredEvent =>
  decodeEventRow([1, 'e-1', 'cust-1', 1, 'T', data, metadata, Date.UTC(2026, 0, 1), null]);

describe('createMasker', () => {
  it('masks paths whole, patterns inside strings and keys, and card numbers written as numbers', () => {
    const m = createMasker({ rules, secret });
    const out = m.maskEvent(event('{"customer":{"email":"a@b.co","name":"Ann"},"items":[{"name":"Bob","qty":1}],"note":"pay DE89370400440532013000 now","card":4111111111111111,"k":{"DE89370400440532013000":1}}'));
    const data = out.data as Record<string, any>;
    expect(data.customer.email).toMatch(TOKEN);
    expect(data.customer.name).toBe('Ann');
    expect(data.items[0].name).toMatch(TOKEN);
    expect(data.items[0].qty).toBe(1);
    expect(data.note).toMatch(/^pay masked:[0-9a-f]{16} now$/);
    expect(data.card).toMatch(TOKEN);
    expect(Object.keys(data.k)[0]).toMatch(TOKEN);
    expect(out.metadata.actor).toMatch(TOKEN);
    expect(m.summary()).toMatchObject({ maskedValues: 6, counts: [1, 1, 1, 2, 1] });
  });

  it('gives equal values equal tokens under one secret, and other tokens under another', () => {
    const a = createMasker({ rules, secret });
    const b = createMasker({ rules, secret: randomBytes(32) });
    const one = a.maskValue({ customer: { email: 'x@y.zz' } }, 'data') as any;
    const two = a.maskValue({ customer: { email: 'x@y.zz' } }, 'data') as any;
    const other = b.maskValue({ customer: { email: 'x@y.zz' } }, 'data') as any;
    expect(one.customer.email).toBe(two.customer.email);
    expect(other.customer.email).not.toBe(one.customer.email);
    // A path token and a pattern token of the same text are the same token: linkable across rules.
    expect(a.maskValue({ customer: { email: 'DE89370400440532013000' } }, 'data')).toEqual(a.maskValue({ other: 'DE89370400440532013000' }, 'data') && { customer: { email: (a.maskValue({ x: 'DE89370400440532013000' }, 'data') as any).x } });
  });

  it('drops numbers as written under masked paths and keeps the others', () => {
    const m = createMasker({ rules: [{ kind: 'path', path: 'data.secret' }], secret });
    const out = m.maskEvent(event('{"amount":12345678901234567890,"secret":98765432109876543210}'));
    expect(out.numbersAsWritten).toEqual({ data: { '/amount': '12345678901234567890' } });
    expect(JSON.stringify(out)).not.toContain('98765432109876543210');
    const raw = m.maskRawEvent({ position: 1, eventId: 'e', streamId: 's', version: 1, type: 'T', recordedAt: 'x', dataText: '{"amount":12345678901234567890,"secret":98765432109876543210}', metadataText: '{}', hash: null });
    expect(raw.dataText).toMatch(/^\{"amount":12345678901234567890,"secret":"masked:[0-9a-f]{16}"\}$/);
  });

  it('masks a text that is not JSON whole, and its decodeError no longer quotes it', () => {
    const m = createMasker({ rules: [{ kind: 'path', path: 'data.x' }], secret });
    const out = m.maskEvent(event('{"x": "alice@example.com" oops', '{}'));
    expect(out.data).toMatch(TOKEN);
    expect(out.decodeError).toBe('data is not valid JSON (its raw text is masked whole)');
    expect(JSON.stringify(out)).not.toContain('alice');
    const raw = m.maskRawEvent({ position: 1, eventId: 'e', streamId: 's', version: 1, type: 'T', recordedAt: 'x', dataText: '{"x": "alice" oops', metadataText: 'nope alice', hash: null });
    expect(raw.dataText).toMatch(TOKEN);
    expect(raw.metadataText).toMatch(TOKEN);
  });

  it('exports an event whose data is not JSON with one token for the whole text, still flagged', () => {
    const m = createMasker({ rules: [{ kind: 'pattern', pattern: 'email' }], secret });
    const line = eventJson(m.maskRawEvent({ position: 1, eventId: 'e', streamId: 's', version: 1, type: 'T', recordedAt: 'x', dataText: '{"to":"zed@example.org",', metadataText: '{}', hash: null }));
    expect(line).not.toContain('zed');
    expect(JSON.parse(line)).toMatchObject({ data: expect.stringMatching(TOKEN), decodeError: expect.stringMatching(/^data is not valid JSON/) });
  });

  it('drops the parser detail of a replay warning, which quotes the stored text', () => {
    const m = createMasker({ rules: [{ kind: 'path', path: 'data.name' }], secret });
    const state = maskStateResult(m, {
      streamId: 's', projection: { name: 'generic', version: 1, description: '' }, version: 1, recordedAt: null, streamVersion: 1, state: { name: 'Bob' }, startedFrom: 0, eventsApplied: 0, warningCount: 1,
      warnings: [{ version: 1, position: 1, type: 'T', message: 'skipped: data is not valid JSON (Unexpected token \'o\', "{"name": "Bob" oops" is not valid JSON)' }],
    });
    expect(JSON.stringify(state)).not.toContain('Bob');
    expect(state.warnings[0].message).toBe('skipped: data is not valid JSON (details masked)');
  });

  it('masks at a place and the path segments leading there', () => {
    const m = createMasker({ rules: [{ kind: 'path', path: 'data.items[].email' }, { kind: 'path', path: 'data.customer' }, { kind: 'pattern', pattern: 'email' }], secret });
    expect(m.maskAt('Ann', 'data', ['customer', 'name'])).toMatch(TOKEN);
    expect(m.maskAt({ email: 'q', qty: 2 }, 'data', ['items', 0])).toEqual({ email: expect.stringMatching(TOKEN), qty: 2 });
    const segments = m.maskSegments('data', ['items', { key: 'email', value: 'plain-name' }, 'qty']);
    expect(segments[1]).toEqual({ key: 'email', value: expect.stringMatching(TOKEN) });
    expect(m.maskSegments('data', ['customer', 'name'])).toEqual(['customer', expect.stringMatching(TOKEN)]);
    expect(m.maskSegments('data', ['notes', 'bob@x.io'])).toEqual(['notes', expect.stringMatching(TOKEN)]);
  });

  it('changes nothing without rules and never changes its input', () => {
    const input = event('{"customer":{"email":"a@b.co"}}');
    const copy = structuredClone(input);
    expect(createMasker({ rules: [], secret }).maskEvent(input)).toBe(input);
    createMasker({ rules, secret }).maskEvent(input);
    expect(input).toEqual(copy);
  });

  it('refuses a short secret and a bad path', () => {
    expect(() => createMasker({ rules, secret: Buffer.alloc(8) })).toThrow(/at least 32 bytes/);
    expect(() => createMasker({ rules: [{ kind: 'path', path: 'data.[' }], secret })).toThrow(/masking path/);
  });
});
