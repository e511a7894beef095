// Journey: the bank-account projection declares its balance as money in the account's own currency
// (`units: { balance: { currencyField: 'currency', scale: 2 } }`). The state screen, the diff and
// the field's history show the balance as money, with the stored number one hover away; the expected
// texts come from the CLI's state of the same store, formatted here with Intl.
import { expect, test } from './fixtures.ts';
import { DiffPage } from './pages/DiffPage.ts';
import { StatePage } from './pages/StatePage.ts';
import { cliJson } from './support/store.ts';

const STREAM = 'account-treasury-001';
type State = { state: { currency: string; balance: number } };

const money = (minor: number, currency: string) =>
  new Intl.NumberFormat('en', { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(`${(minor / 100).toFixed(2)}` as unknown as number);

test('money declared by a projection reads as money on the state and diff screens and in a field’s history, stored value on hover', async ({ ledger }) => {
  const { page } = ledger;
  const at = (version: number) => cliJson<State>(['state', ledger.storeFile, '--stream', STREAM, '--at', String(version)]).state;
  const before = at(4);
  const after = at(5);
  expect(after.balance).not.toBe(before.balance);

  const state = new StatePage(page);
  await state.open(STREAM, 5);
  await state.expectVersion(5);
  const balance = state.tree.locator('[data-testid="state-field"][data-path="$.balance"]').getByTestId('json-amount');
  await expect(balance).toHaveText(money(after.balance, after.currency));
  await expect(balance).toHaveAttribute('title', `Stored as ${after.balance} (minor units, 2 decimal places)`);
  await expect(balance).toHaveAttribute('data-stored', String(after.balance));

  // The field's history: the event at v5 moved the balance, both sides as money in that event's currency.
  await state.field('$.balance').getByTestId('field-history-button').click();
  const entry = page.getByTestId('field-history').locator('[data-testid="history-entry"][data-version="5"]');
  await expect(entry.getByTestId('json-amount')).toHaveText([money(before.balance, before.currency), money(after.balance, after.currency)]);
  await expect(entry.getByTestId('json-amount').last()).toHaveAttribute('title', `Stored as ${after.balance} (minor units, 2 decimal places)`);

  const diff = new DiffPage(page);
  await diff.open(STREAM, 4, 5);
  const change = page.locator('[data-testid="diff-change"][data-path="$.balance"]');
  await expect(change.getByTestId('diff-before').getByTestId('json-amount')).toHaveText(money(before.balance, before.currency));
  await expect(change.getByTestId('diff-after').getByTestId('json-amount')).toHaveText(money(after.balance, after.currency));
  await ledger.screenshot('amounts-diff');
});
