// app/*, store/*, dialog/*, projections/*: opening files and describing the open store.
import type { Handlers } from '../../../shared/contract.ts';
import type { Session } from '../../session/session.ts';
import type { Host } from './host.ts';
import type { PathGrants } from './pathGrants.ts';

type StoreChannels = 'app/info' | 'app/setLanguage' | 'store/open' | 'store/openDemo' | 'store/current' | 'store/close' | 'store/recent' | 'dialog/openFile' | 'projections/list';

export function createStoreHandlers(deps: { session: Session; host: Host; grants: PathGrants }): Pick<Handlers, StoreChannels> {
  const { session, host, grants } = deps;
  return {
    'app/info': () => ({
      name: 'Replay Ledger',
      version: host.version,
      mode: host.mode,
      canChooseFiles: host.mode === 'electron',
      demoPath: session.demoPath(),
    }),
    'app/setLanguage': ({ language }) => {
      host.setLanguage?.(language);
      return null;
    },
    'store/open': async ({ path }) => session.open(await grants.authorize(path, 'open')),
    'store/openDemo': () => session.openDemo(),
    'store/current': () => session.current(),
    'store/close': async () => {
      await session.close();
      return null;
    },
    'store/recent': () => session.recent(),
    'dialog/openFile': async () => {
      const chosen = await host.chooseOpenPath();
      if (chosen) grants.grant(chosen, 'open');
      return { path: chosen };
    },
    'projections/list': () => session.require().engine.listProjections(),
  };
}
