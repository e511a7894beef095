// TEMPORARY placeholder (branch i12-ui only): the real what-if service comes from branch i12-whatif;
// the lead replaces this file when merging. Same export, no real logic.
import type { WhatIfQuery, WhatIfResult } from '../../shared/whatIf.ts';
import { LedgerError } from '../errors.ts';
import type { EventStoreReader } from '../store/eventStore.ts';
import type { ReplayEngine } from './replayEngine.ts';

export async function whatIf(_store: EventStoreReader, _engine: ReplayEngine, _query: WhatIfQuery): Promise<WhatIfResult> {
  throw new LedgerError('UNSUPPORTED', 'What-if replay is not in this build yet.');
}
