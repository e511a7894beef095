// app/*, store/*, dialog/*, projections/*: opening files and describing the open store.
import type { Handlers } from '../../../shared/contract.ts';
import type { Session } from '../../session/session.ts';
import type { Host } from './host.ts';

type StoreChannels = 'app/info' | 'store/open' | 'store/openDemo' | 'store/current' | 'store/close' | 'store/recent' | 'dialog/openFile' | 'projections/list';

export function createStoreHandlers(deps: { session: Session; host: Host }): Pick<Handlers, StoreChannels> {
  const { session, host } = deps;
  return {
    'app/info': () => ({
      name: 'Replay Ledger',
      version: host.version,
      mode: host.mode,
      canChooseFiles: host.mode === 'electron',
      demoPath: session.demoPath(),
    }),
    'store/open': ({ path }) => session.open(path),
    'store/openDemo': () => session.openDemo(),
    'store/current': () => session.current(),
    'store/close': () => {
      session.close();
      return null;
    },
    'store/recent': () => session.recent(),
    'dialog/openFile': async () => ({ path: await host.chooseOpenPath() }),
    'projections/list': () => session.require().engine.listProjections(),
  };
}
