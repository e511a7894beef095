// What a projection may say about its state's numbers: which fields are money, in which currency and
// in how many minor units (`{ units: { total: { currency: 'EUR', scale: 2 } } }`), so the state, the
// diff and reports show 1,234.56 € rather than 123456. The stored number is never changed: screens
// show the amount with the stored value beside it on hover, and reports keep the JSON as stored.
import { z } from 'zod';

/** A field path as the state view writes it, `[]` for "every element": `total`, `totals.net`, `items[].unitPrice`. */
const UNIT_PATH = /^[A-Za-z_$][\w$-]*(?:\[\])?(?:\.[A-Za-z_$][\w$-]*(?:\[\])?)*$/;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const scale = z.number().int().min(0).max(18);
export const FieldUnitSchema = z.union([
  z.strictObject({ currency: z.string().regex(/^[A-Z]{3}$/, 'a currency is a three-letter ISO 4217 code such as EUR'), scale: scale.optional() }),
  // The currency is a text in the state: beside the amount (an item's own `currency`) or at the top.
  z.strictObject({ currencyField: z.string().regex(UNIT_PATH, 'currencyField is a field path such as currency or account.currency'), scale: scale.optional() }),
  // A decimal without a currency: minor units of something the projection names in its description.
  z.strictObject({ scale }),
]);
export type FieldUnit = z.infer<typeof FieldUnitSchema>;

export const FieldUnitsSchema = z
  .record(z.string().regex(UNIT_PATH, 'a units key is a field path such as total, totals.net or items[].price'), FieldUnitSchema)
  .refine((units) => Object.keys(units).length <= 200, 'at most 200 fields may declare a unit')
  .refine((units) => Object.keys(units).every((key) => !key.split(/[.[\]]+/).some((part) => FORBIDDEN_KEYS.has(part))), 'the keys __proto__, constructor and prototype cannot name a field');
export type FieldUnits = z.infer<typeof FieldUnitsSchema>;

/** A step into the state: an object key, an array index, or a keyed list element (the diff's `[sku="A-1"]`). */
export type UnitStep = string | number | { key: string; value: string | number };

/** The unit of the value at `steps` (from the state's root), if a declared path matches it. */
export function unitAt(units: FieldUnits | undefined, steps: readonly UnitStep[]): FieldUnit | undefined {
  if (!units) return undefined;
  for (const [path, unit] of Object.entries(units)) if (pathMatches(path, steps)) return unit;
  return undefined;
}

/**
 * The units declared at `steps` or inside the value there: a history of a whole cart line, or of a
 * list of them, holds the prices the line's units name.
 */
export function unitsWithin(units: FieldUnits | undefined, steps: readonly UnitStep[]): FieldUnit[] {
  if (!units) return [];
  return Object.entries(units).flatMap(([path, unit]) => (pathMatches(path, steps, true) ? [unit] : []));
}

/** `orInside`: the path may also go on below `steps` (steps is one of its ancestors). */
function pathMatches(path: string, steps: readonly UnitStep[], orInside = false): boolean {
  const wanted: (string | null)[] = [];
  for (const part of path.split('.')) {
    if (part.endsWith('[]')) wanted.push(part.slice(0, -2), null);
    else wanted.push(part);
  }
  if (orInside ? wanted.length < steps.length : wanted.length !== steps.length) return false;
  return steps.every((step, i) => {
    const want = wanted[i];
    // null: any element of a list (an index, or a keyed element of a diff path).
    if (want === null) return typeof step === 'number' || (typeof step === 'object' && step !== null);
    return typeof step === 'string' && step === want;
  });
}

/** The text at a dotted field path of an object, if it is one (for `currencyField`). */
export function textAt(root: unknown, path: string): string | undefined {
  let value: unknown = root;
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.hasOwn(value, part)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return typeof value === 'string' ? value : undefined;
}

/**
 * Currency texts kept by field path (`{ 'owner.currency': 'EUR' }`, as a diff's or a history's
 * `currencies` carry them) as the object they were read from, so textAt/currencyFor find them there.
 */
export function currencyRoot(texts: Record<string, string> | undefined): Record<string, unknown> {
  // Without a prototype: a currency field named `__proto__` or `constructor` is just a key here.
  const root: Record<string, unknown> = Object.create(null);
  for (const [field, text] of Object.entries(texts ?? {})) {
    const parts = field.split('.');
    let node = root;
    for (const part of parts.slice(0, -1)) {
      const next = Object.hasOwn(node, part) ? node[part] : undefined;
      if (typeof next !== 'object' || next === null) node[part] = Object.create(null);
      node = node[part] as Record<string, unknown>;
    }
    node[parts[parts.length - 1]] = text;
  }
  return root;
}

/** The decimal text of `stored` minor units: 123456 at scale 2 is "1234.56" (exact, any length). */
export function scaledDecimal(stored: string, scale: number): string | null {
  const m = /^(-?)(\d+)$/.exec(stored);
  if (!m) return scale === 0 && /^-?\d+(\.\d+)?$/.test(stored) ? stored : null;
  if (scale === 0) return stored;
  const digits = m[2].padStart(scale + 1, '0');
  return `${m[1]}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

export interface AmountText {
  /** "€1,234.56", "1.234,56 CHF"… (Intl, in the reader's language). */
  text: string;
  /** The currency the amount is in, or null for a plain decimal. */
  currency: string | null;
}

/**
 * An amount for display, or null when the stored value cannot be read as one (not a whole number of
 * minor units, or a currency field that is not an ISO code): then the value is shown as stored.
 * `stored` is the number's text as written (so 2^63 minor units are still exact).
 */
export function formatAmount(stored: string, unit: FieldUnit, language: string, currency: string | undefined): AmountText | null {
  const digits = unit.scale ?? ('currency' in unit || 'currencyField' in unit ? 2 : 0);
  const decimal = scaledDecimal(stored, digits);
  if (decimal === null) return null;
  const code = 'currency' in unit ? unit.currency : 'currencyField' in unit ? currency : undefined;
  if ('currencyField' in unit && (code === undefined || !/^[A-Z]{3}$/.test(code))) return null;
  const options: Intl.NumberFormatOptions = { minimumFractionDigits: digits, maximumFractionDigits: digits };
  if (code) Object.assign(options, { style: 'currency', currency: code, currencyDisplay: 'symbol' });
  // Intl formats a decimal string exactly (no detour through a double).
  const text = new Intl.NumberFormat(language, options).format(decimal as unknown as number);
  return { text, currency: code ?? null };
}

/** The currency of an amount whose unit names a field: the field beside the amount first, then the one at the root. */
export function currencyFor(unit: FieldUnit, parent: unknown, root: unknown): string | undefined {
  if ('currency' in unit) return unit.currency;
  if (!('currencyField' in unit)) return undefined;
  return textAt(parent, unit.currencyField) ?? textAt(root, unit.currencyField);
}

/**
 * A number's text for an amount: as written when known, else the number itself when that is exact
 * (a whole number past 2^53 has already lost digits, so no amount is made from it).
 */
export function amountSource(value: number, asWritten?: string): string | null {
  if (asWritten !== undefined) return asWritten;
  if (!Number.isFinite(value)) return null;
  if (Number.isInteger(value)) return Number.isSafeInteger(value) ? String(value) : null;
  return String(value);
}

/**
 * A number a diff or a value history shows, as money when the projection declared it money: `texts`
 * are the currency fields' texts that side held, by dotted path (a diff end's `currencies`, a history
 * entry's), so each value is said in the currency it had then. Null for anything else, and for a
 * value no amount can be read from exactly (then it is shown as stored only).
 */
export function amountAt(value: unknown, units: FieldUnits | undefined, steps: readonly UnitStep[], texts: Record<string, string> | undefined, language: string): AmountText | null {
  const unit = typeof value === 'number' ? unitAt(units, steps) : undefined;
  if (!unit) return null;
  const stored = amountSource(value as number);
  return stored === null ? null : formatAmount(stored, unit, language, currencyFor(unit, undefined, currencyRoot(texts)));
}

export interface AmountRow {
  /** The path as the state view writes it: `items[2].unitPrice`. */
  path: string;
  stored: string;
  amount: AmountText | null;
}

/** Every declared amount in a state, in document order (for reports), at most `limit`. */
export function amountsIn(state: unknown, units: FieldUnits | undefined, language: string, limit = 1000): AmountRow[] {
  const rows: AmountRow[] = [];
  if (!units || Object.keys(units).length === 0) return rows;
  const walk = (value: unknown, parent: unknown, steps: UnitStep[], path: string) => {
    if (rows.length >= limit) return;
    if (typeof value === 'number') {
      const unit = unitAt(units, steps);
      if (!unit) return;
      const stored = amountSource(value);
      rows.push({ path, stored: stored ?? String(value), amount: stored === null ? null : formatAmount(stored, unit, language, currencyFor(unit, parent, state)) });
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    if (Array.isArray(value)) value.forEach((item, i) => walk(item, value, [...steps, i], `${path}[${i}]`));
    else for (const [key, item] of Object.entries(value)) walk(item, value, [...steps, key], path ? `${path}.${key}` : key);
  };
  walk(state, undefined, [], '');
  return rows;
}
