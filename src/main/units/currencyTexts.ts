// Money whose currency is a field of the state (`{ balance: { currencyField: 'currency' } }`) is shown
// in the currency that field held at the time: these read those fields, once each, from one state.
// Shared by the diff (its two ends) and the value histories (each event's before and after).
import { textAt, type FieldUnit } from '../../shared/units.ts';

/** The currency fields `units` name (`currencyField`), each once; empty when none keeps its currency in the state. */
export function currencyFields(units: Iterable<FieldUnit>): string[] {
  const fields = new Set<string>();
  for (const unit of units) if ('currencyField' in unit) fields.add(unit.currencyField);
  return [...fields];
}

/** The text of each of `fields` in `state`, by field path; fields that hold no text are left out. */
export function currencyTexts(state: unknown, fields: readonly string[]): Record<string, string> {
  const found: Record<string, string> = {};
  for (const field of fields) {
    const text = textAt(state, field);
    if (text !== undefined) found[field] = text;
  }
  return found;
}
