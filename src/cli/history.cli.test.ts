import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir, tempStore } from '../main/testing/tempFiles.ts';
import { openForViewing } from '../main/adapters/openForViewing.ts';
import { createReplayEngine } from '../main/replay/replayEngine.ts';
import { cli } from './testing.ts';

// `ledger history`: every event that changed one field of a stream's state, as the app's field
// history shows it, from a terminal.
const dir = tempDir('ledger-history-cli');
let storeFile = '';

beforeAll(() => {
  const store = tempStore(dir);
  store.append('cart-1', [
    { type: 'CartOpened', data: { customerId: 'c-1' } },
    { type: 'ItemAdded', data: { sku: 'A-1', name: 'Lamp', unitPrice: 1250, quantity: 1 } },
    { type: 'ItemAdded', data: { sku: 'B-2', name: 'Bulb', unitPrice: 300, quantity: 4 } },
    { type: 'ItemQuantityChanged', data: { sku: 'A-1', quantity: 3 } },
    { type: 'ItemRemoved', data: { sku: 'A-1' } },
    { type: 'ItemAdded', data: { sku: 'A-1', name: 'Lamp', unitPrice: 1250, quantity: 2 } },
  ]);
  store.append('account-1', [
    { type: 'AccountOpened', data: { owner: 'ada', currency: 'EUR' } },
    { type: 'MoneyDeposited', data: { amount: 100000 } },
    { type: 'MoneyWithdrawn', data: { amount: 2550 } },
  ]);
  storeFile = store.info.path;
});

const history = (...args: string[]) => cli('history', storeFile, '--lang', 'en', ...args);

describe('ledger history', () => {
  it("lists every event that changed a cart line's quantity, the removal and the line added again included", async () => {
    const { code, stdout, stderr } = await history('--stream', 'cart-1', '--path', 'items[sku="A-1"].quantity');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toBe('cart-1 $.items[sku="A-1"].quantity, versions 0 → 6, projection shopping-cart');
    expect(lines[1]).toBe('value at version 6: 2');
    expect(lines[2]).toBe('    history (4 events):');
    expect(lines.slice(3, 7).map((l) => l.replace(/ {2}v(\d+) (\w+).*/, '  v$1 $2'))).toEqual([
      '      added   (none) → 1  v2 ItemAdded',
      '      changed 1 → 3  v4 ItemQuantityChanged',
      '      removed 3 → (none)  v5 ItemRemoved',
      '      added   (none) → 2  v6 ItemAdded',
    ]);
  });

  it('keeps to --from/--to, and --json is the engine’s field history', async () => {
    const { stdout } = await history('--stream', 'cart-1', '--path', '$.items[sku="A-1"]', '--from', '3', '--to', '5', '--json');
    const store = openForViewing(storeFile);
    try {
      const expected = await createReplayEngine(store).fieldHistory('cart-1', ['items', { key: 'sku', value: 'A-1' }], { from: 3, upTo: 5 });
      expect(JSON.parse(stdout)).toEqual(JSON.parse(JSON.stringify(expected)));
      expect(expected.history.map((h) => h.event.version)).toEqual([4, 5]);
      expect(expected.present).toBe(false);
    } finally {
      await store.close();
    }
    const human = await history('--stream', 'cart-1', '--path', 'items[sku="A-1"]', '--from', '3', '--to', '5');
    expect(human.stdout).toContain('absent at version 5\n');
  });

  it('says money as money, in the currency of its time', async () => {
    const { stdout } = await history('--stream', 'account-1', '--path', 'balance');
    expect(stdout).toContain('value at version 3: 97450  (€974.50)\n');
    expect(stdout).toContain('changed 0 → 100000 (€0.00 → €1,000.00)  v2 MoneyDeposited');
    expect(stdout).toContain('changed 100000 → 97450 (€1,000.00 → €974.50)  v3 MoneyWithdrawn');
  });

  it('a path no event touched, and paths it cannot read, are said plainly', async () => {
    const untouched = await history('--stream', 'account-1', '--path', 'closeReason');
    expect(untouched.code).toBe(0);
    expect(untouched.stdout).toContain('no event in this range changed it\n');
    const broken = await history('--stream', 'account-1', '--path', 'items..qty');
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('--path items..qty: "items..qty" is not a path: a name is missing');
    const fromEvent = await history('--stream', 'account-1', '--path', 'items[$data.sku]');
    expect(fromEvent.code).toBe(2);
    expect(fromEvent.stderr).toContain('a part taken from an event ($data…) names no one field of a state');
    const missing = await history('--stream', 'account-1');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--path/);
  });

  it('is listed by ledger --help and speaks Chinese', async () => {
    expect((await cli('--help')).stdout).toMatch(/^ {2}history +every event that changed one field/m);
    const zh = await cli('history', storeFile, '--stream', 'account-1', '--path', 'balance', '--lang', 'zh-CN');
    expect(zh.stdout).toContain('版本 3 时的值：97450  (€974.50)');
  });
});
