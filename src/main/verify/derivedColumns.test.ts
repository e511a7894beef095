import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../store/canonicalJson.ts';
import { parseJsonText } from '../store/decode.ts';
import { parseJsonExactly } from '../store/exactJson.ts';
import { expectedDerivedColumns } from './derivedColumns.ts';

/** The rule as it was before the one-parse path: check with parseJsonText, then parse exactly. */
function reference(text: string) {
  const parsed = parseJsonText(text);
  if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value)) return null;
  let m: Record<string, unknown>;
  try {
    m = parseJsonExactly(text) as Record<string, unknown>;
  } catch {
    return null;
  }
  const copy = (v: unknown) => (v === undefined || v === null ? null : typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : canonicalJson(v));
  return { actor: copy(m.actor), correlationId: copy(m.correlationId ?? m.$correlationId ?? m.correlation_id), causationId: copy(m.causationId ?? m.$causationId ?? m.causation_id) };
}

describe('expectedDerivedColumns', () => {
  const cases = [
    '{"actor":"alice","correlationId":"c1","causationId":"c0"}',
    ' \t\r\n{"actor":"bob"}',
    '{"actor":12345678901234567890}',
    '{"actor":{"id":1,"name":"x"},"$correlationId":"k"}',
    '{"correlation_id":true,"causation_id":1.50}',
    '{"actor":"a","actor":"b"}',
    '{"actor":"a"',
    '{}',
    '[{"actor":"a"}]',
    '12345678901234567890',
    '"text"',
    'null',
    '',
    '   ',
    'not json',
    `{"actor":"deep","x":${'['.repeat(1200)}${']'.repeat(1200)}}`,
    `{"actor":"long","pad":"${'p'.repeat(2000)}"}`,
  ];
  for (const text of cases) {
    it(`agrees with the check-then-parse rule on ${JSON.stringify(text.slice(0, 40))}`, () => {
      expect(expectedDerivedColumns(text, canonicalJson)).toEqual(reference(text));
    });
  }
});
