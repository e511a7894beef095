import { describe, expect, it } from 'vitest';
import { currencyRoot, FieldUnitsSchema, formatAmount, scaledDecimal, textAt, unitAt, unitsWithin } from './units.ts';

describe('field units declared by a projection', () => {
  it('accepts money in a fixed or a state-given currency and plain decimals, and refuses what is not one', () => {
    expect(FieldUnitsSchema.safeParse({ total: { currency: 'EUR', scale: 2 }, 'items[].unitPrice': { currencyField: 'currency' }, weight: { scale: 3 } }).success).toBe(true);
    expect(FieldUnitsSchema.safeParse({ total: { currency: 'euro' } }).success).toBe(false);
    expect(FieldUnitsSchema.safeParse({ total: { currency: 'EUR', scale: 2.5 } }).success).toBe(false);
    expect(FieldUnitsSchema.safeParse({ 'a..b': { scale: 2 } }).success).toBe(false);
    expect(FieldUnitsSchema.safeParse({ '__proto__.x': { scale: 2 } }).success).toBe(false);
    expect(FieldUnitsSchema.safeParse({ total: { currency: 'EUR', colour: 'red' } }).success).toBe(false);
  });

  it('finds the unit of a path, [] standing for any element of a list (by index or by key)', () => {
    const units = { total: { currency: 'EUR' }, 'items[].unitPrice': { scale: 2 }, 'totals.net': { scale: 2 } } as const;
    expect(unitAt(units, ['total'])).toEqual({ currency: 'EUR' });
    expect(unitAt(units, ['items', 3, 'unitPrice'])).toEqual({ scale: 2 });
    expect(unitAt(units, ['items', { key: 'sku', value: 'A-1' }, 'unitPrice'])).toEqual({ scale: 2 });
    expect(unitAt(units, ['totals', 'net'])).toEqual({ scale: 2 });
    expect(unitAt(units, ['items', 'unitPrice'])).toBeUndefined();
    expect(unitAt(units, ['items', 3, 'quantity'])).toBeUndefined();
    expect(unitAt(units, ['total', 'x'])).toBeUndefined();
    expect(unitAt(undefined, ['total'])).toBeUndefined();
  });

  it('scales minor units exactly, however long the number', () => {
    expect(scaledDecimal('123456', 2)).toBe('1234.56');
    expect(scaledDecimal('5', 2)).toBe('0.05');
    expect(scaledDecimal('-5', 2)).toBe('-0.05');
    expect(scaledDecimal('9223372036854775807', 2)).toBe('92233720368547758.07');
    expect(scaledDecimal('12.5', 2)).toBeNull();
    expect(scaledDecimal('12.5', 0)).toBe('12.5');
    expect(scaledDecimal('1e5', 2)).toBeNull();
  });

  it('formats money in the reader language, and gives up (shown as stored) on what is not an amount', () => {
    expect(formatAmount('123456', { currency: 'EUR', scale: 2 }, 'en', undefined)?.text).toBe('€1,234.56');
    expect(formatAmount('123456', { currency: 'EUR', scale: 2 }, 'zh-CN', undefined)?.text).toBe('€1,234.56');
    expect(formatAmount('123456', { currencyField: 'currency' }, 'en', 'USD')).toEqual({ text: '$1,234.56', currency: 'USD' });
    expect(formatAmount('9223372036854775807', { currency: 'USD', scale: 2 }, 'en', undefined)?.text).toBe('$92,233,720,368,547,758.07');
    expect(formatAmount('123456', { scale: 3 }, 'en', undefined)).toEqual({ text: '123.456', currency: null });
    expect(formatAmount('12.5', { currency: 'EUR', scale: 2 }, 'en', undefined)).toBeNull();
    expect(formatAmount('100', { currencyField: 'currency' }, 'en', undefined)).toBeNull();
    expect(formatAmount('100', { currencyField: 'currency' }, 'en', 'euro')).toBeNull();
  });

  it('reads a currency field by its dotted path, own keys only', () => {
    expect(textAt({ currency: 'EUR' }, 'currency')).toBe('EUR');
    expect(textAt({ account: { currency: 'CHF' } }, 'account.currency')).toBe('CHF');
    expect(textAt({ currency: 5 }, 'currency')).toBeUndefined();
    expect(textAt({}, 'toString')).toBeUndefined();
    expect(textAt(null, 'currency')).toBeUndefined();
  });
});

describe('units inside a path, and currency texts by field path', () => {
  it('finds the units at a path or below it (a whole line holds its prices)', () => {
    const units = { total: { currency: 'EUR' }, 'items[].unitPrice': { currencyField: 'currency' }, 'totals.net': { scale: 2 } } as const;
    expect(unitsWithin(units, ['items'])).toEqual([{ currencyField: 'currency' }]);
    expect(unitsWithin(units, ['items', { key: 'sku', value: 'A-1' }])).toEqual([{ currencyField: 'currency' }]);
    expect(unitsWithin(units, ['items', 2, 'unitPrice'])).toEqual([{ currencyField: 'currency' }]);
    expect(unitsWithin(units, [])).toHaveLength(3);
    expect(unitsWithin(units, ['items', 2, 'quantity'])).toEqual([]);
    expect(unitsWithin(units, ['total', 'x'])).toEqual([]);
    expect(unitsWithin(undefined, ['total'])).toEqual([]);
  });

  it('nests dotted currency fields back into the object textAt reads', () => {
    const root = currencyRoot({ currency: 'EUR', 'owner.currency': 'CHF', '__proto__.x': 'USD' });
    expect(textAt(root, 'currency')).toBe('EUR');
    expect(textAt(root, 'owner.currency')).toBe('CHF');
    expect(textAt(root, '__proto__.x')).toBe('USD');
    expect(currencyRoot(undefined)).toEqual({});
  });
});
