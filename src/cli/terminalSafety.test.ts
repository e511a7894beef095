// Terminal injection (issue 9.18): the audited system's text (types, ids, payloads) never reaches
// the terminal as control sequences, in any human-readable output of any command.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../main/store/openStore.ts';
import { tempDir } from '../main/testing/tempFiles.ts';
import { terminalSafe } from './format.ts';
import { cli } from './testing.ts';

const ESC = '\u001b';
const hostile = {
  type: `Retitled${ESC}]0;pwned\u0007${ESC}[2J${ESC}[H`,
  stream: `cart-\u202eevil${ESC}[31m`,
  note: `line\rover\u009b2J\u2066hidden\u2069`,
};
const ACTIVE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('CLI output is safe for a terminal', () => {
  const dir = tempDir('terminal');
  const file = path.join(dir, 'hostile.db');
  const store = openStore(file, { readonly: false, create: true });
  store.append(hostile.stream, [
    { type: hostile.type, data: { status: 'open', note: hostile.note }, metadata: { actor: `support:${ESC}[8m` } },
    { type: hostile.type, data: { status: `closed${ESC}c`, items: [{ sku: `S${ESC}[5m`, n: 1 }] } },
  ]);
  store.close();

  it('escapes every control, C1 and bidi character in human output of every command', async () => {
    const runs = [
      await cli('blame', file, '--stream', hostile.stream),
      await cli('diff', file, '--stream', hostile.stream, '--from', '0', '--to', '2'),
      await cli('state', file, '--stream', hostile.stream),
      await cli('events', file, '--stream', hostile.stream),
      await cli('events', file),
      await cli('streams', file),
      await cli('stats', file),
      await cli('events', file, '--stream', `nope${ESC}[2J`),
    ];
    for (const run of runs) {
      expect(run.stdout + run.stderr).not.toMatch(ACTIVE);
    }
    expect(runs[0]!.stdout).toContain('cart-\\u202eevil\\u001b[31m');
    expect(runs[3]!.stdout).toContain('Retitled\\u001b]0;pwned\\u0007');
  });

  it('--json keeps its meaning: the escapes parse back to the stored text', async () => {
    const run = await cli('events', file, '--stream', hostile.stream, '--json');
    expect(run.stdout).not.toMatch(ACTIVE);
    const page = JSON.parse(run.stdout);
    expect(page.items[0].type).toBe(hostile.type);
    expect(page.items[0].streamId).toBe(hostile.stream);
    expect(page.items[0].data.note).toBe(hostile.note);
  });

  it("keeps the CLI's own layout: new lines, tabs and a progress line's leading carriage return", () => {
    expect(terminalSafe('\r  42%')).toBe('\r  42%');
    expect(terminalSafe('a\tb\nc')).toBe('a\tb\nc');
    expect(terminalSafe('x\ry')).toBe('x\\u000dy');
    expect(terminalSafe(`${ESC}[2J`)).toBe('\\u001b[2J');
  });
});
