// Whatever the store and the notes hold, the report's markup is only its own: random hostile text in
// the stream id, event type, actor, data keys and values and a note never adds an element, attribute
// or script, and the JSON blocks still give the exact values back.
import fc from 'fast-check';
import path from 'node:path';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { storeKeyOf } from '../evidence/storeKey.ts';
import { createReplayEngine } from '../replay/replayEngine.ts';
import { toAsyncReader } from '../store/asyncReader.ts';
import { openStore } from '../store/openStore.ts';
import { tempDir } from '../testing/tempFiles.ts';
import { fakeNotes } from './reportFakes.ts';
import { reportFacts, reportTotals } from './reportParts.ts';
import { writeReport } from './writeReport.ts';

const PIECES = ['<', '>', '&', '"', "'", '</script>', '<script>', '<!--', '-->', '<img src=x onerror=alert(1)>', '</style>', '\u2028', '\u2029', '\\', '`', '${x}', 'a', ' ', '\n', '张', '😀', '&amp;', '&#60;', ']]>', '<![CDATA['];
const hostile = fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 12 }).map((p) => p.join(''));

/** Every element name the report itself writes. */
const OWN_TAGS = new Set(['!doctype', 'html', 'head', 'meta', 'title', 'style', 'script', 'body', 'p', 'h1', 'h2', 'h3', 'section', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'span', 'div', 'dl', 'dt', 'dd', 'pre', 'code', 'a', 'strong', 'ul', 'li', 'ol', 'details', 'summary', 'br']);

describe('report escaping (property)', () => {
  const dir = tempDir('report-prop');
  let run = 0;

  it('never lets stored or noted text become markup', async () => {
    await fc.assert(
      fc.asyncProperty(hostile, hostile, hostile, hostile, hostile, hostile, async (stream, type, actor, key, value, note) => {
        const file = path.join(dir, `s${++run}.db`);
        const writer = openStore(file, { readonly: false, create: true });
        const streamId = `s-${stream}`;
        try {
          writer.append(streamId, [
            { type: `T${type}`, data: { [key]: value, n: 1 }, metadata: { actor }, recordedAt: 1_767_225_600_000 },
            { type: 'Changed', data: { [key]: `${value}!`, n: 2 }, metadata: { actor }, recordedAt: 1_767_225_601_000 },
          ]);
        } finally {
          writer.close();
        }
        const reader = openStore(file);
        const store = toAsyncReader(reader);
        try {
          const notes = fakeNotes([{ id: note, storeKey: storeKeyOf(store).key, target: { kind: 'state', streamId, version: 1 }, text: note, author: actor, createdAt: value, updatedAt: note }]);
          const out = path.join(dir, `r${run}.html`);
          await writeReport(store, createReplayEngine(store), { streamId, versions: [0, 1, 2] }, out, { integrity: { status: 'not-checked', reason: note }, notes });
          const html = fs.readFileSync(out, 'utf8');
          const tags = [...html.matchAll(/<\/?([!a-zA-Z][a-zA-Z0-9]*)/g)].map((m) => m[1].toLowerCase());
          for (const tag of tags) expect(OWN_TAGS.has(tag), tag).toBe(true);
          expect(html.match(/<script/g)).toHaveLength(2);
          expect(html.match(/<\/script>/g)).toHaveLength(2);
          // No event handler attribute in any tag: with the quoted values taken out (a value may spell
          // one out harmlessly, its quotes escaped), only the report's own attribute names remain.
          const bare = html.replace(/"[^"]*"/g, '""');
          expect(bare).not.toMatch(/<[a-z][^>]*\son[a-z]+\s*=/i);
          expect(html.match(/<style>/g)).toHaveLength(1);
          const facts = reportFacts(html);
          expect(facts.stream.streamId).toBe(streamId);
          expect(facts.integrity).toEqual({ status: 'not-checked', reason: note });
          expect(reportTotals(html).eventsListed).toBe(2);
        } finally {
          reader.close();
        }
      }),
      { numRuns: 40 },
    );
  });
});
