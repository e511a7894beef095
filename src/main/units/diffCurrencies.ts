// A diff shows the values that changed, not the state around them; money whose currency is a field
// of the state (`{ balance: { currencyField: 'currency' } }`) needs that field at both ends. This
// reads the two states (cheap after the diff: the engine's snapshots are warm) only when a projection
// declares such a unit.
import type { DiffResult, StateAtResult } from '../../shared/replay.ts';
import { currencyFields, currencyTexts } from './currencyTexts.ts';

type StateReader = (streamId: string, at: { version: number }, opts: { projection?: string; includeSkipped?: boolean }) => Promise<StateAtResult>;

/** The diff with `currencies` filled in for every currency field its projection's units name. */
export async function withDiffCurrencies(diff: DiffResult, stateAt: StateReader, opts: { includeSkipped?: boolean } = {}): Promise<DiffResult> {
  const fields = currencyFields(Object.values(diff.projection.units ?? {}));
  if (fields.length === 0) return diff;
  const read = async (version: number): Promise<Record<string, string>> => {
    if (version === 0) return {};
    const { state } = await stateAt(diff.streamId, { version }, { projection: diff.projection.name, includeSkipped: opts.includeSkipped });
    return currencyTexts(state, fields);
  };
  // The diff may stop early (an interrupted projection): read the same ends it compared.
  return { ...diff, currencies: { from: await read(diff.from.version), to: await read(diff.to.version) } };
}
