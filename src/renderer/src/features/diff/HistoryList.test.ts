// A path's history shows declared money as money (Intl, exact decimals, the stored value on hover),
// each value in the currency its own event's states held: an account converted from EUR to USD keeps
// its earlier balances in euros. Values that are not declared money are shown as stored.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import type { PathHistoryEntry } from '../../../../shared/replay.ts';
import type { FieldUnits } from '../../../../shared/units.ts';
import { i18n } from '../../i18n/index.ts';
import { HistoryList } from './HistoryList.tsx';

const ref = (version: number, type: string) => ({ position: version, version, type, recordedAt: '2026-05-01T09:00:00.000Z', actor: null });
const units: FieldUnits = { balance: { currencyField: 'currency', scale: 2 } };

/** The shape main gives (units/historyCurrencies.ts): each side's currency read from that side's state. */
const balanceHistory: PathHistoryEntry[] = [
  { event: ref(1, 'Opened'), kind: 'changed', before: 0, after: 123456, currencies: { after: { currency: 'EUR' } } },
  { event: ref(4, 'Converted'), kind: 'changed', before: 124456, after: 134000, currencies: { before: { currency: 'EUR' }, after: { currency: 'USD' } } },
];

const render = (history: PathHistoryEntry[], segments = ['balance'], withUnits: { units?: FieldUnits } = { units }) =>
  renderToStaticMarkup(createElement(HistoryList, { history, count: history.length, streamId: 'wallet-1', amounts: { ...withUnits, segments } }));

/** [shown text, title] of each amount in the markup. */
const amounts = (html: string) => [...html.matchAll(/<span class="json-number json-amount" title="([^"]*)" data-stored="(\d+)"[^>]*>([^<]*)<\/span>/g)].map((m) => [m[3], m[1], m[2]]);

describe('HistoryList shows money in each entry’s currency', () => {
  afterEach(async () => {
    await i18n.changeLanguage('en');
  });

  it('in English: euros before the conversion, dollars after, the stored number on hover', async () => {
    await i18n.changeLanguage('en');
    expect(amounts(render(balanceHistory))).toEqual([
      ['€1,234.56', 'Stored as 123456 (minor units, 2 decimal places)', '123456'],
      ['€1,244.56', 'Stored as 124456 (minor units, 2 decimal places)', '124456'],
      ['$1,340.00', 'Stored as 134000 (minor units, 2 decimal places)', '134000'],
    ]);
  });

  it('in 简体中文: the same currencies in Chinese formatting, the hover in Chinese', async () => {
    await i18n.changeLanguage('zh-CN');
    const html = render(balanceHistory);
    expect(amounts(html)).toEqual([
      ['€1,234.56', '存储值为 123456（最小货币单位，2 位小数）', '123456'],
      ['€1,244.56', '存储值为 124456（最小货币单位，2 位小数）', '124456'],
      ['US$1,340.00', '存储值为 134000（最小货币单位，2 位小数）', '134000'],
    ]);
  });

  it('shows the before value of the first entry (no currency in the state yet) as stored, and undeclared values as they are', async () => {
    await i18n.changeLanguage('en');
    const html = render(balanceHistory);
    expect(html).toMatch(/data-testid="json-amount-as-stored">0<\/span>/);
    // The same numbers under a path that declares no money: stored integers, nothing formatted.
    const plain = render(balanceHistory, ['deposits']);
    expect(amounts(plain)).toEqual([]);
    expect(plain).toContain('123456');
    expect(plain).not.toContain('€');
    expect(amounts(render(balanceHistory, ['balance'], {}))).toEqual([]);
  });
});
