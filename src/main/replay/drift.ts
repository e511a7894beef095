// TEMPORARY placeholder (branch i12-ui only): the real drift check comes from branch i12-whatif;
// the lead replaces this file when merging. Same export, no real logic.
import type { DriftQuery, DriftResult } from '../../shared/whatIf.ts';
import { LedgerError } from '../errors.ts';
import type { EventStoreReader } from '../store/eventStore.ts';
import type { ReplayEngine } from './replayEngine.ts';

export async function driftCheck(_store: EventStoreReader, _engine: ReplayEngine, _query: DriftQuery): Promise<DriftResult> {
  throw new LedgerError('UNSUPPORTED', 'The drift check is not in this build yet.');
}
