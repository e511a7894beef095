// activity/* and notes/*: the viewer's own activity log (list, verify) and the open store's case
// notes (list, add, edit, remove, export as JSON). Both live under the ledger home, never in the store.
import fs from 'node:fs';
import path from 'node:path';
import type { Handlers } from '../../../shared/contract.ts';
import type { ViewerRecords } from '../../activity/viewerRecords.ts';
import type { OpenStoreFacts } from '../../activity/recordActivity.ts';
import { words } from '../../../shared/errorWords/index.ts';
import { CancelledError, LedgerError } from '../../errors.ts';
import { resolveNoteTarget } from '../../notes/noteTargets.ts';
import type { Session } from '../../session/session.ts';
import type { StoreKey } from '../../evidence/storeKey.ts';
import type { Host } from './host.ts';

type RecordChannels = 'activity/list' | 'activity/verify' | 'notes/list' | 'notes/add' | 'notes/edit' | 'notes/remove' | 'notes/export';

export interface RecordHandlerDeps {
  session: Session;
  host: Host;
  records: ViewerRecords;
  facts: OpenStoreFacts;
}

const safeName = (text: string) => text.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 60) || 'store';

export function createRecordHandlers(deps: RecordHandlerDeps): Pick<Handlers, RecordChannels> {
  const { session, host, records, facts } = deps;
  const openKey = (): StoreKey => {
    session.require();
    const key = facts.storeKey();
    if (!key) throw new LedgerError('NO_STORE_OPEN', words('errorWords.session.noStore', {}));
    return key;
  };
  return {
    'activity/list': (input) => {
      const key = input?.thisStore ? openKey().key : null;
      return records.activity.list({ storeKey: key, limit: input?.limit });
    },
    'activity/verify': () => records.activity.verify(),
    'notes/list': () => records.notes.read(openKey().key),
    'notes/add': async ({ target, text }) => {
      const key = openKey();
      const resolved = await resolveNoteTarget(session.require().store, target);
      return records.notes.add(key, resolved, text, { chainHead: facts.facts().chainHead });
    },
    'notes/edit': ({ id, text }) => records.notes.edit(openKey(), id, text, { chainHead: facts.facts().chainHead }),
    'notes/remove': ({ id }) => records.notes.remove(openKey(), id, { chainHead: facts.facts().chainHead }),
    'notes/export': async () => {
      const key = openKey();
      const json = records.notes.exportJson(key); // a damaged notes file fails here, before a file name is asked for
      const target = await host.chooseSavePath(`notes_${safeName(path.basename(key.label))}.json`);
      if (!target) throw new CancelledError('Export');
      fs.mkdirSync(path.dirname(target.path), { recursive: true });
      fs.writeFileSync(target.path, json);
      return { path: target.path, fileName: path.basename(target.path), notes: (JSON.parse(json) as { notes: unknown[] }).notes.length, downloadUrl: target.downloadUrl };
    },
  };
}
