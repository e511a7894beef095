import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir, tempStore } from '../main/testing/tempFiles.ts';
import { cli } from './testing.ts';

// `ledger diff` says a number the projection declared as money as money too, under the value as
// stored, in the currency the state held at each end and at each event (as the app and the report do).
const dir = tempDir('ledger-diff-amounts');
let storeFile = '';
let folder = '';

const WALLET_RULES = JSON.stringify({
  name: 'wallet',
  version: 1,
  appliesTo: { categories: ['wallet'] },
  initialState: { balance: 0 },
  units: { balance: { currencyField: 'currency', scale: 2 } },
  on: {
    WalletOpened: [{ set: 'currency', value: '$data.currency' }],
    Deposited: [{ increment: 'balance', by: '$data.amount' }],
    CurrencyChanged: [{ set: 'currency', value: '$data.currency' }, { set: 'balance', value: '$data.balance' }],
    NoteAdded: [{ set: 'note', value: '$data.note' }],
  },
});

beforeAll(() => {
  const store = tempStore(dir);
  store.append('wallet-1', [
    { type: 'WalletOpened', data: { currency: 'EUR' } },
    { type: 'Deposited', data: { amount: 123456 } },
    { type: 'CurrencyChanged', data: { currency: 'USD', balance: 130000 } },
    { type: 'Deposited', data: { amount: 500 } },
    { type: 'NoteAdded', data: { note: 'checked' } },
  ]);
  storeFile = store.info.path;
  folder = fs.mkdtempSync(path.join(dir, 'projections-'));
  fs.writeFileSync(path.join(folder, 'wallet.projection.json'), WALLET_RULES);
});

const diff = (from: number, to: number, ...more: string[]) =>
  cli('diff', storeFile, '--stream', 'wallet-1', '--from', String(from), '--to', String(to), '--projections', folder, '--projection', 'wallet', ...more);

describe('ledger diff of money', () => {
  it('shows each end and each event of a money path in the currency of its time, under the stored numbers', async () => {
    const { code, stdout, stderr } = await diff(1, 5, '--lang', 'en');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('~ $.balance  0 → 130500\n    as money: €0.00 → $1,305.00\n');
    expect(stdout).toContain('changed 0 → 123456 (€0.00 → €1,234.56)  v2 Deposited');
    expect(stdout).toContain('changed 123456 → 130000 (€1,234.56 → $1,300.00)  v3 CurrencyChanged');
    expect(stdout).toContain('changed 130000 → 130500 ($1,300.00 → $1,305.00)  v4 Deposited');
    // Paths that are not money get no such line.
    expect(stdout).toMatch(/~ \$\.currency {2}"EUR" → "USD"\n {4}v3 CurrencyChanged/);
    expect(stdout).toMatch(/\+ \$\.note {2}"checked"\n {4}v5 NoteAdded/);
    expect(stdout.match(/as money/g)).toHaveLength(1);
  });

  it('says the money in the reader language', async () => {
    const { code, stdout } = await diff(2, 4, '--lang', 'zh-CN');
    expect(code).toBe(0);
    expect(stdout).toMatch(/金额：€1,234\.56 → US\$1,305\.00\n/);
  });

  it('a side without its currency yet is shown as stored', async () => {
    const { stdout } = await diff(0, 2, '--lang', 'en');
    // At version 0 the wallet has no currency: that end cannot be said as money.
    expect(stdout).toContain('~ $.balance  0 → 123456\n    as money: 0 → €1,234.56\n');
  });
});
