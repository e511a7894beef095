// The promise of masking, checked over random payloads: no value a rule masks appears in ANY byte
// of a masked bundle (NDJSON, JSON, CSV, the state and diff exports as JSON and HTML, and their
// manifests) nor in the events the masking switch sends to the window, whatever shape the data has, wherever the personal data sits (values, keys, free
// text, metadata) and however numbers are written.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MaskRule } from '../../shared/evidence.ts';
import { exportEventsSigned } from '../export/manifest.ts';
import { exportDiffSigned, exportStateSigned } from '../export/replayExports.ts';
import { createReplayEngine } from '../replay/replayEngine.ts';
import { toAsyncReader } from '../store/asyncReader.ts';
import { openStore } from '../store/openStore.ts';
import { tempDir } from '../testing/tempFiles.ts';
import { createMasker } from './masker.ts';
import { luhnValid } from './patterns.ts';

const rawJSON = (JSON as unknown as { rawJSON: (text: string) => unknown }).rawJSON;
const hex = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: n, maxLength: n });
const digits = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });

/** A Luhn-valid card number starting with 4 (16 digits), written together or in groups. */
const card = fc.tuple(digits(14), fc.boolean()).map(([body, grouped]) => {
  const partial = `4${body}`;
  const check = [...'0123456789'].find((d) => luhnValid(partial + d)) as string;
  const number = partial + check;
  return grouped ? number.replace(/(\d{4})(?=\d)/g, '$1 ') : number;
});
/** A German IBAN with correct mod-97 check digits. */
const iban = digits(18).map((bban) => {
  const rest = BigInt(bban + '131400'); // D=13 E=14, check digits 00
  const check = String(98n - (rest % 97n)).padStart(2, '0');
  return `DE${check}${bban}`;
});
const email = fc.tuple(hex(8), hex(6)).map(([user, host]) => `u${user}@ex${host}.com`);
const phone = digits(9).map((d) => `+44 20 ${d.slice(0, 4)} ${d.slice(4)}`);
const personal = fc.oneof(email, card, iban, phone);
/** A marker only a path rule can find (no pattern matches it). */
const marker = hex(12).map((h) => `Secret-${h}`);

/** Random JSON with personal data in values, inside free text and as keys. */
const tree = fc.letrec<{ node: unknown }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.string({ maxLength: 12 }),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    personal,
    fc.tuple(fc.string({ maxLength: 8 }), personal, fc.string({ maxLength: 8 })).map(([a, p, b]) => `${a} ${p} ${b}`),
    fc.array(tie('node'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.string({ maxLength: 6 }), email), tie('node'), { maxKeys: 4 }),
  ),
})).node;

interface Payload {
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  originals: string[];
}

const payload: fc.Arbitrary<Payload> = fc
  .record({
    customerEmail: marker,
    itemNames: fc.array(marker, { minLength: 1, maxLength: 3 }),
    actor: marker,
    bigSecret: digits(22).map((d) => `9${d}`),
    bigPublic: digits(20).map((d) => `7${d}`),
    rest: tree,
    pii: fc.array(personal, { minLength: 1, maxLength: 3 }),
  })
  .map(({ customerEmail, itemNames, actor, bigSecret, bigPublic, rest, pii }) => {
    const data = {
      customer: { email: customerEmail, ref: rawJSON(bigSecret), tier: 'gold' },
      items: itemNames.map((name, i) => ({ name, qty: i + 1 })),
      total: rawJSON(bigPublic),
      note: `paid by ${pii.join(' and ')} ok`,
      // Personal data as keys: a diff's paths go through them.
      contacts: Object.fromEntries(pii.map((p, i) => [p, { since: i }])),
      rest,
    };
    const found: string[] = [];
    const collect = (v: unknown) => {
      if (typeof v === 'string') found.push(v);
      else if (Array.isArray(v)) v.forEach(collect);
      else if (v && typeof v === 'object') for (const [k, item] of Object.entries(v)) (collect(k), collect(item));
    };
    collect(rest);
    // The originals: every marker at a masked path, and every personal value wherever it is.
    const personalIn = (text: string) => text.match(/u[0-9a-f]{8}@ex[0-9a-f]{6}\.com|4\d{3}(?: ?\d{4}){3}|DE\d{20}|\+44 20 \d{4} \d{5}/g) ?? [];
    const originals = [customerEmail, ...itemNames, actor, bigSecret, ...pii, ...found.flatMap(personalIn)];
    return { data, metadata: { actor, correlationId: 'corr-1' }, originals };
  });

const rules: MaskRule[] = [
  { kind: 'path', path: 'data.customer.email' },
  { kind: 'path', path: 'data.customer.ref' },
  { kind: 'path', path: 'data.items[].name' },
  { kind: 'path', path: 'metadata.actor' },
  { kind: 'pattern', pattern: 'email' },
  { kind: 'pattern', pattern: 'card' },
  { kind: 'pattern', pattern: 'iban' },
  { kind: 'pattern', pattern: 'phone' },
];

/** The forms a value could take in exported bytes: as is, JSON-escaped, HTML-escaped, digits only. */
function forms(value: string): string[] {
  const out = new Set([value, JSON.stringify(value).slice(1, -1), value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`).replace(/&#38;/g, '&amp;')]);
  if (/^[\d ]+$/.test(value)) out.add(value.replace(/ /g, ''));
  return [...out];
}

describe('masking leaves no original value in any exported byte', () => {
  const dir = tempDir('mask-property');
  let run = 0;

  it('holds for random payloads across NDJSON, JSON, CSV, state and diff exports', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(payload, { minLength: 2, maxLength: 4 }), async (events) => {
        const folder = path.join(dir, `run-${++run}`);
        fs.mkdirSync(folder);
        const file = path.join(folder, 'store.db');
        const writer = openStore(file, { readonly: false, create: true });
        writer.append('cust-1', events.map((e) => ({ type: 'CustomerChanged', data: e.data, metadata: e.metadata, recordedAt: 1_767_225_600_000 })));
        writer.close();
        const sync = openStore(file);
        try {
          const store = toAsyncReader(sync);
          const engine = createReplayEngine(store);
          const masker = createMasker({ rules, secret: randomBytes(32), secretId: 'test' });
          for (const format of ['ndjson', 'json', 'csv'] as const) {
            await exportEventsSigned(store, { scope: { kind: 'all' }, format, out: path.join(folder, `all.${format}`), masker });
          }
          await exportStateSigned(store, engine, { streamId: 'cust-1', version: events.length, projection: 'generic', out: path.join(folder, 'state.json'), masker }, { status: 'no-chain' });
          for (const format of ['json', 'html'] as const) {
            await exportDiffSigned(store, engine, { streamId: 'cust-1', from: 1, to: events.length, projection: 'generic', format, out: path.join(folder, `diff.${format}`), masker }, { status: 'no-chain' });
          }
          // What the masking switch sends to the window (the same masker over decoded events, numbers as written included).
          const onScreen = (await store.readAll({ limit: 100 })).items.map((e) => masker.maskEvent(e));
          fs.writeFileSync(path.join(folder, 'screen.json'), JSON.stringify(onScreen));
          const written = fs.readdirSync(folder).filter((name) => !name.startsWith('store.db'));
          expect(written).toHaveLength(13);
          for (const name of written) {
            const bytes = fs.readFileSync(path.join(folder, name), 'utf8');
            for (const original of events.flatMap((e) => e.originals)) {
              for (const form of forms(original)) if (bytes.includes(form)) throw new Error(`${name} holds the masked value ${JSON.stringify(original)}`);
            }
          }
          // Unmasked data stays readable, numbers as written included.
          const ndjson = fs.readFileSync(path.join(folder, 'all.ndjson'), 'utf8');
          expect(ndjson).toContain('"tier":"gold"');
          expect(ndjson).toMatch(/"total":7\d{20}[,}]/);
        } finally {
          sync.close();
        }
      }),
      { numRuns: 25 },
    );
  }, 120_000);
});
