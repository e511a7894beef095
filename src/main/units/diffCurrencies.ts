// A diff shows the values that changed, not the state around them; money whose currency is a field
// of the state (`{ balance: { currencyField: 'currency' } }`) needs that field at both ends. This
// reads the two states (cheap after the diff: the engine's snapshots are warm) only when a projection
// declares such a unit.
import type { DiffResult, StateAtResult } from '../../shared/replay.ts';
import { textAt } from '../../shared/units.ts';

type StateReader = (streamId: string, at: { version: number }, opts: { projection?: string; includeSkipped?: boolean }) => Promise<StateAtResult>;

/** The diff with `currencies` filled in for every currency field its projection's units name. */
export async function withDiffCurrencies(diff: DiffResult, stateAt: StateReader, opts: { includeSkipped?: boolean } = {}): Promise<DiffResult> {
  const fields = [...new Set(Object.values(diff.projection.units ?? {}).flatMap((unit) => ('currencyField' in unit ? [unit.currencyField] : [])))];
  if (fields.length === 0) return diff;
  const read = async (version: number): Promise<Record<string, string>> => {
    if (version === 0) return {};
    const { state } = await stateAt(diff.streamId, { version }, { projection: diff.projection.name, includeSkipped: opts.includeSkipped });
    const found: Record<string, string> = {};
    for (const field of fields) {
      const text = textAt(state, field);
      if (text !== undefined) found[field] = text;
    }
    return found;
  };
  // The diff may stop early (an interrupted projection): read the same ends it compared.
  return { ...diff, currencies: { from: await read(diff.from.version), to: await read(diff.to.version) } };
}
