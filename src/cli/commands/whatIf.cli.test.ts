import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../main/store/openStore.ts';
import { fileFingerprint, tempDir } from '../../main/testing/tempFiles.ts';
import { cli, spawnCli } from '../testing.ts';
import { describeDrift, describeWhatIf } from './whatIf.ts';
import { describeInterruption } from '../format.ts';
import { setCliLanguage } from '../i18n/index.ts';

const T0 = Date.parse('2026-03-01T10:00:00Z');
const MIN = 60_000;

describe('ledger what-if', () => {
  const dir = tempDir('cli-what-if');
  const file = path.join(dir, 'store.db');

  beforeAll(() => {
    const store = openStore(file, { readonly: false, create: true });
    store.append('cart-1', [
      { type: 'CartOpened', data: { customerId: 'c-42' }, metadata: { actor: 'alice' }, recordedAt: T0 },
      { type: 'ItemAdded', data: { sku: 'A', name: 'Apple', unitPrice: 100, quantity: 1 }, metadata: { actor: 'alice' }, recordedAt: T0 + 1 * MIN },
      { type: 'ItemAdded', data: { sku: 'B', name: 'Bread', unitPrice: 250, quantity: 2 }, metadata: { actor: 'alice' }, recordedAt: T0 + 2 * MIN },
      { type: 'ItemRemoved', data: { sku: 'A' }, metadata: { actor: 'bob' }, recordedAt: T0 + 3 * MIN },
      { type: 'CartCheckedOut', data: { paymentId: 'pay-1' }, metadata: { actor: 'carol' }, recordedAt: T0 + 4 * MIN },
    ]);
    store.close();
  });

  it('names the first divergence and lists the differences from a to b, without writing to the store', async () => {
    const before = fileFingerprint(file);
    const human = await cli('what-if', file, 'cart-1', '--skip', '3');
    expect(human.code).toBe(0);
    expect(human.stdout).toBe(
      [
        'cart-1 at version 5',
        '  a: shopping-cart, skipping v3',
        '  b: shopping-cart',
        'First divergence: after v3 ItemAdded by alice at 2026-03-01 10:02:00Z (position 3)',
        '  $.items[sku="B"], $.itemCount, $.total',
        'Differences at version 5, from a to b (3):',
        '+ $.items[sku="B"]  {"sku":"B","name":"Bread","unitPrice":250,"quantity":2}',
        '~ $.itemCount  0 → 2',
        '~ $.total  0 → 500',
        '',
      ].join('\n'),
    );
    expect(fileFingerprint(file)).toEqual(before);
  });

  it('--json gives the whole result; skip lists take commas and repeats; --at and --max bound it', async () => {
    // Apart from v2 on, together again at v4 (b's removal of A undoes what a never added).
    const args = ['what-if', file, 'cart-1', '--skip', '2,3', '--b-skip', '3', '--skip', '4'];
    const rejoined = JSON.parse((await cli(...args, '--at', '4', '--json')).stdout);
    expect(rejoined).toMatchObject({ streamId: 'cart-1', version: 4, a: { skipped: [2, 3, 4] }, b: { skipped: [3] }, firstDivergence: { version: 2, type: 'ItemAdded' }, changes: [], totalChanges: 0 });
    const capped = JSON.parse((await cli(...args, '--at', '3', '--max', '1', '--json')).stdout);
    expect(capped).toMatchObject({ version: 3, a: { skipped: [2, 3] }, firstDivergence: { version: 2 }, totalChanges: 3, truncated: true });
    expect(capped.changes).toEqual([{ path: '$.items[sku="A"]', segments: ['items', { key: 'sku', value: 'A' }], kind: 'added', b: { sku: 'A', name: 'Apple', unitPrice: 100, quantity: 1 } }]);
    expect((await cli(...args, '--at', '3', '--max', '1')).stdout).toMatch(/\n\+ \$\.items\[sku="A"\]  .*\n… 2 more differences \(raise --max\)\n$/);
  });

  it('another projection on side b; equal sides say so', async () => {
    const generic = await cli('what-if', file, 'cart-1', '--b-projection', 'generic', '--at', '0');
    expect(generic.stdout).toMatch(/^  b: generic$/m);
    expect(generic.stdout).toMatch(/^The initial states already differ, before any event: \$\.status, /m);
    const equal = await cli('what-if', file, '--stream', 'cart-1', '--skip', '5', '--b-skip', '5', '--include-skipped');
    expect(equal.code).toBe(0);
    expect(equal.stdout).toMatch(/^Equal after every event up to version 5\.\n$/m);
    expect(equal.stdout).not.toMatch(/Differences/);
  });

  it('usage errors exit 2, a missing stream exits 1, and --help explains the sides', async () => {
    expect(await cli('what-if', file, 'cart-1')).toMatchObject({ code: 2, stderr: expect.stringMatching(/Both sides would be the same fold/) });
    expect(await cli('what-if', file)).toMatchObject({ code: 2, stderr: expect.stringMatching(/Which stream\?/) });
    expect(await cli('what-if', file, 'cart-1', '--skip', '2,x')).toMatchObject({ code: 2, stderr: expect.stringMatching(/--skip must be a whole number, got 'x'/) });
    expect(await cli('what-if', file, 'cart-1', '--skip', '0')).toMatchObject({ code: 2 });
    // A version beyond the stream is refused by the service (INVALID_INPUT, exit 2).
    expect(await cli('what-if', file, 'cart-1', '--skip', '9')).toMatchObject({ code: 2, stderr: expect.stringMatching(/Side a cannot skip version 9/) });
    const missing = spawnCli('what-if', file, 'cart-nope', '--skip', '1', '--json');
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stdout)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const help = await cli('what-if', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/side a leaving out the --skip versions/);
    expect((await cli('--help')).stdout).toMatch(/^ {2}what-if +replay with events left out/m);
  });

  it('says where an interrupted side stopped (projections of a folder interrupt instead of warning)', () => {
    const interrupted = {
      projection: 'library',
      version: 8,
      position: 80,
      type: 'BookReturned',
      recordedAt: '2026-03-01T10:07:00.000Z',
      failure: { kind: 'threw' as const, message: 'evolve threw: fine must be a number', file: 'library.projection.ts', line: 12, column: 5 },
    };
    const side = { projection: { name: 'library', version: 1, description: '' }, skipped: [], state: {} };
    const text = describeWhatIf({ streamId: 'loan-1', version: 9, a: side, b: { ...side, interrupted }, changes: [], totalChanges: 0, truncated: false, firstDivergence: null });
    expect(text).toContain(
      '  b: library\n     Interrupted at v8 (BookReturned, position 80) by library: evolve threw: fine must be a number (library.projection.ts:12:5). The state shown is the last good one, after v7.\n',
    );
    const drift = describeDrift({ streamId: 'loan-1', projection: side.projection, version: 9, table: 'loans', keyColumn: 'id', key: 'loan-1', columns: ['doc'], rowFound: true, fields: [], totalFields: 0, truncated: false, interrupted });
    expect(drift.split('\n')[1]).toMatch(/^Interrupted at v8 \(BookReturned, position 80\) by library: evolve threw: fine must be a number/);

    // In Chinese the frame is Chinese; the projection's own message, names and place stay as written.
    setCliLanguage('zh-CN');
    try {
      expect(describeInterruption(interrupted)).toBe('在 v8（BookReturned，位置 80）处被 library 中断：evolve threw: fine must be a number（library.projection.ts:12:5）。显示的是最后一个正常状态，即 v7 之后的状态。');
      // With the facts beside the message (what main sends now), main's own words are Chinese too; the thrown text is not.
      const facts = { case: 'threw' as const, part: 'evolve' as const, error: 'fine must be a number' };
      expect(describeInterruption({ ...interrupted, failure: { ...interrupted.failure, facts } })).toBe('在 v8（BookReturned，位置 80）处被 library 中断：evolve 抛出了异常：fine must be a number（library.projection.ts:12:5）。显示的是最后一个正常状态，即 v7 之后的状态。');
      expect(describeInterruption({ ...interrupted, failure: { kind: 'timeout', message: 'took too long' } })).toBe('在 v8（BookReturned，位置 80）处被 library 中断：took too long。显示的是最后一个正常状态，即 v7 之后的状态。');
    } finally {
      setCliLanguage('en');
    }
  });
});
