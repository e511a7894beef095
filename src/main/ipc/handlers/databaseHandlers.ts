// store/openDatabase, testConnection, recentConnections, … : the Start screen's PostgreSQL form.
// The session connects; these handlers resolve a saved password, refuse to store one where it
// cannot be encrypted (before connecting, so nothing happens behind the user's back), and remember
// a connection only once it opened.
import type { ConnectionTest, DatabaseConnection, Handlers, MappingPreview, OpenedStore, TableMap } from '../../../shared/contract.ts';
import { englishError, words } from '../../../shared/errorWords/index.ts';
import { LedgerError } from '../../errors.ts';
import { BROWSER_KEEPS_NO_PASSWORDS, connectionId, NO_KEYRING, type RecentConnections } from '../../session/recentConnections.ts';

/** What the session offers for PostgreSQL stores (implemented in session.ts). */
export interface DatabaseSession {
  /** Opens the database as the current store; on failure the previous store stays open. */
  openDatabase(connection: DatabaseConnection): Promise<OpenedStore>;
  /** Connects, detects the layout and disconnects; opens nothing. */
  testConnection(connection: DatabaseConnection): Promise<ConnectionTest>;
  previewMapping(request: Omit<DatabaseConnection, 'mapping'> & { table: string; map: TableMap }): Promise<MappingPreview>;
}

type DatabaseChannels =
  | 'store/openDatabase'
  | 'store/testConnection'
  | 'store/recentConnections'
  | 'store/forgetConnection'
  | 'store/passwordStorage'
  | 'store/previewMapping'
  | 'store/mappingProfiles'
  | 'store/saveMappingProfile'
  | 'store/deleteMappingProfile';

type Place = { host: string; port: number; database: string; user: string; schema?: string | undefined };

/**
 * The fields the session needs, with the password typed now or the one saved for `recentId`. A
 * saved password goes only to the place it was saved for: a renderer that swaps the host while
 * naming a recent entry gets no password, so it cannot send the secret to another server.
 */
function resolve<T extends Place & { password?: string | undefined; recentId?: string | undefined }>(input: T, recent: RecentConnections): Omit<T, 'recentId'> {
  const { recentId, password, ...rest } = input;
  const samePlace = recentId !== undefined && recentId === connectionId(input);
  const resolved = password ?? (samePlace ? recent.password(recentId) : null);
  return (resolved === null || resolved === undefined ? rest : { ...rest, password: resolved }) as Omit<T, 'recentId'>;
}

export function createDatabaseHandlers(deps: { session: DatabaseSession; recent: RecentConnections }): Pick<Handlers, DatabaseChannels> {
  const { session, recent } = deps;
  return {
    'store/openDatabase': async ({ remember, ...input }) => {
      const choice = remember ?? 'without-password';
      if (choice === 'with-password') {
        const storage = recent.passwordStorage();
        if (!storage.available) {
          const reason = [NO_KEYRING, BROWSER_KEEPS_NO_PASSWORDS].find((said) => englishError(said) === storage.reason) ?? String(storage.reason);
          throw new LedgerError('UNSUPPORTED', words('errorWords.password.nothingOpened', { reason }), { remember: choice });
        }
      }
      const connection = resolve(input, recent);
      const opened = await session.openDatabase(connection);
      recent.remember(connection, choice);
      return opened;
    },
    'store/testConnection': (input) => session.testConnection(resolve(input, recent)),
    'store/previewMapping': (input) => session.previewMapping(resolve(input, recent)),
    'store/recentConnections': () => recent.list(),
    'store/forgetConnection': ({ id }) => ({ forgotten: recent.forget(id) }),
    'store/passwordStorage': () => recent.passwordStorage(),
    'store/mappingProfiles': () => recent.profiles(),
    'store/saveMappingProfile': (profile) => recent.saveProfile(profile),
    'store/deleteMappingProfile': ({ name }) => recent.deleteProfile(name),
  };
}
