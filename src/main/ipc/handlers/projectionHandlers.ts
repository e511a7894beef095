// projections/folder|setFolder|reload, dialog/openFolder, replay/whatIf|drift, store/tables: the
// open store's projections folder (issue 12), what-if replay and the drift check against a table
// of the opened store.
import type { Handlers } from '../../../shared/contract.ts';
import { words } from '../../../shared/errorWords/index.ts';
import { LedgerError } from '../../errors.ts';
import { driftCheck } from '../../replay/drift.ts';
import { whatIf } from '../../replay/whatIf.ts';
import type { Session } from '../../session/session.ts';
import type { Host } from './host.ts';
import type { PathGrants } from './pathGrants.ts';

type ProjectionChannels = 'dialog/openFolder' | 'projections/folder' | 'projections/setFolder' | 'projections/reload' | 'replay/whatIf' | 'replay/drift' | 'store/tables';

export function createProjectionHandlers(deps: { session: Session; host: Host; grants: PathGrants }): Pick<Handlers, ProjectionChannels> {
  const { session, host, grants } = deps;
  return {
    'dialog/openFolder': async () => {
      if (!host.chooseFolder) throw new LedgerError('UNSUPPORTED', words('errorWords.host.noFolderDialog', {}));
      const chosen = await host.chooseFolder();
      if (chosen) grants.grant(chosen, 'read');
      return { path: chosen };
    },
    'projections/folder': () => session.projectionFolder(),
    // Modules are read (and run, sandboxed) from the folder: in Electron a typed path needs the
    // user's yes in main's own dialog, as any file the renderer names does.
    'projections/setFolder': async ({ folder }) => session.setProjectionFolder(folder === null ? null : await grants.authorize(folder, 'read')),
    'projections/reload': () => session.reloadProjections(),
    'replay/whatIf': (query) => {
      const { store, engine } = session.require();
      return whatIf(store, engine, query);
    },
    'replay/drift': (query) => {
      const { store, engine } = session.require();
      return driftCheck(store, engine, query);
    },
    'store/tables': async () => {
      const { store } = session.require();
      return store.listTables ? await store.listTables() : [];
    },
  };
}
