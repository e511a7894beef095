// The field history panel shows declared money as money: the value now in today's currency and every
// earlier value in the currency it had at its event (an account converted from EUR to USD), the
// stored number on hover, in either language; a field that is not declared money stays as stored.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import type { FieldHistoryResult } from '../../../../shared/replay.ts';
import { i18n } from '../../i18n/index.ts';
import { FieldHistoryView } from './FieldHistoryView.tsx';

const ref = (version: number, type: string) => ({ position: version, version, type, recordedAt: '2026-05-01T09:00:00.000Z', actor: null });

/** What stream/fieldHistory answers for an account whose currency changed at v4 (units/historyCurrencies.ts). */
const result: FieldHistoryResult = {
  streamId: 'wallet-1',
  projection: { name: 'wallet', version: 1, description: '', units: { balance: { currencyField: 'currency', scale: 2 } } },
  path: '$.balance',
  segments: ['balance'],
  from: 0,
  upTo: 5,
  value: 134500,
  currencies: { currency: 'USD' },
  present: true,
  history: [
    { event: ref(2, 'Deposited'), kind: 'changed', before: 123456, after: 124456, currencies: { before: { currency: 'EUR' }, after: { currency: 'EUR' } } },
    { event: ref(4, 'Converted'), kind: 'changed', before: 124456, after: 134000, currencies: { before: { currency: 'EUR' }, after: { currency: 'USD' } } },
  ],
  historyCount: 2,
};

const render = (value: FieldHistoryResult) => renderToStaticMarkup(createElement(FieldHistoryView, { value, streamId: 'wallet-1' }));
/** [shown text, hover] of each amount, in document order. */
const amounts = (html: string) => [...html.matchAll(/<span class="json-number json-amount" title="([^"]*)" data-stored="\d+"[^>]*>([^<]*)<\/span>/g)].map((m) => [m[2], m[1]]);

describe('FieldHistoryView', () => {
  afterEach(async () => {
    await i18n.changeLanguage('en');
  });

  it('in English: the value now in dollars, the history in the currency of each event', async () => {
    await i18n.changeLanguage('en');
    const html = render(result);
    expect(amounts(html)).toEqual([
      ['$1,345.00', 'Stored as 134500 (minor units, 2 decimal places)'],
      ['€1,234.56', 'Stored as 123456 (minor units, 2 decimal places)'],
      ['€1,244.56', 'Stored as 124456 (minor units, 2 decimal places)'],
      ['€1,244.56', 'Stored as 124456 (minor units, 2 decimal places)'],
      ['$1,340.00', 'Stored as 134000 (minor units, 2 decimal places)'],
    ]);
    expect(html.replace(/<[^>]+>/g, '')).toContain('2 events set this field up to v5; now $1,345.00.');
  });

  it('in 简体中文, with the hover in Chinese', async () => {
    await i18n.changeLanguage('zh-CN');
    const html = render(result);
    expect(amounts(html).map(([text]) => text)).toEqual(['US$1,345.00', '€1,234.56', '€1,244.56', '€1,244.56', 'US$1,340.00']);
    expect(amounts(html)[1][1]).toBe('存储值为 123456（最小货币单位，2 位小数）');
    expect(html.replace(/<[^>]+>/g, '')).toContain('直到 v5 共有 2 个事件设置过此字段；当前为 US$1,345.00。');
  });

  it('leaves a field that is not declared money as stored', async () => {
    const deposits: FieldHistoryResult = { ...result, path: '$.deposits', segments: ['deposits'], value: 3, currencies: undefined, history: [{ event: ref(2, 'Deposited'), kind: 'changed', before: 1, after: 2 }] };
    const html = render(deposits);
    expect(amounts(html)).toEqual([]);
    expect(html.replace(/<[^>]+>/g, '')).toContain('now 3.');
  });
});
