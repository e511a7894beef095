// A value history must show each value in the currency it had then (an account moved from EUR to USD
// keeps its old balances in EUR). The history walk folds every state anyway, so the currency fields
// are read from the state before and after each event there; nothing is replayed again, and a path
// that is not (and holds no) money in a state-given currency gets no plan, so its entries stay as small.
import type { PathSegment } from '../../shared/replay.ts';
import { textAt, unitAt, unitsWithin, type FieldUnits } from '../../shared/units.ts';
import { currencyFields, currencyTexts } from './currencyTexts.ts';

/** Which currency fields a history of one path reads, decided once per path. */
export interface CurrencyPlan {
  /** Fields read at the state's root (where currencyFor looks when nothing is beside the amount). */
  fields: string[];
  /** The path is itself such an amount: its own currency field is looked up beside it first, in `parent`. */
  beside?: { field: string; parent: readonly PathSegment[] };
}

/** The plan for a history of `segments`, or undefined when no unit with a currencyField applies at or inside it. */
export function currencyPlan(units: FieldUnits | undefined, segments: readonly PathSegment[]): CurrencyPlan | undefined {
  const fields = currencyFields(unitsWithin(units, segments));
  if (fields.length === 0) return undefined;
  const own = unitAt(units, segments);
  return own && 'currencyField' in own ? { fields, beside: { field: own.currencyField, parent: segments.slice(0, -1) } } : { fields };
}

/**
 * The currency texts for the value at the plan's path in `state`, by currency field (as a diff's
 * `currencies` are): beside the amount wins over the root, as currencyFor does. `parent` is the
 * value at `beside.parent` in the same state. Undefined when the state holds none.
 */
export function currenciesAt(plan: CurrencyPlan, state: unknown, parent: unknown): Record<string, string> | undefined {
  const found = currencyTexts(state, plan.fields);
  if (plan.beside) {
    const text = textAt(parent, plan.beside.field);
    if (text !== undefined) found[plan.beside.field] = text;
  }
  return Object.keys(found).length > 0 ? found : undefined;
}
