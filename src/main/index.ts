// Electron app shell: lifecycle and composition only. Everything else is plain services that also
// run under Node (CLI, browser mode); this is the only file, with window.ts, that imports Electron.
import { BrowserWindow, app, dialog, ipcMain, safeStorage } from 'electron';
import path from 'node:path';
import { PUSH_CHANNELS } from '../shared/channels.ts';
import { isAppUrl, rendererSource } from './appProtocol.ts';
import { createLedgerApp } from './composition.ts';
import { installCrashGuard } from './crashGuard.ts';
import { nativeDialogWords } from './nativeDialogWords.ts';
import { redactSecrets } from './errors.ts';
import { registerIpc } from './ipc/register.ts';
import { demoOptionsFromEnv } from './session/demoStore.ts';
import { defaultAppPaths } from './session/paths.ts';
import { createMainWindow, hardenAllWebContents, printHtmlFileToPdf, registerAppScheme, serveAppScheme } from './window.ts';

const here = import.meta.dirname;
const renderer = rendererSource({ packaged: app.isPackaged, devUrl: process.env.ELECTRON_RENDERER_URL, rendererDir: path.join(here, '../renderer') });

/** The store to open: `--store=FILE` or the first non-flag argument after the app path. */
function storeArgument(argv: string[]): string | undefined {
  const flag = argv.find((a) => a.startsWith('--store='));
  if (flag) return flag.slice('--store='.length);
  const rest = argv.slice(app.isPackaged ? 1 : 2).filter((a) => !a.startsWith('-'));
  return rest[0];
}

// The native dialogs speak the renderer's language once it says which (app/setLanguage); the
// OS language until then (app.getLocale works only once the app is ready, as every dialog is).
let language: string | null = null;
const said = () => nativeDialogWords(language ?? app.getLocale());

let mainWindow: BrowserWindow | null = null;
const paths = defaultAppPaths();

const ledger = createLedgerApp({
  paths,
  demoOptions: demoOptionsFromEnv(),
  // A remembered database password is stored only as safeStorage ciphertext. On Linux without a
  // keyring Electron falls back to a fixed key ('basic_text'): that is not protection, so no.
  secrets: {
    available: () => safeStorage.isEncryptionAvailable() && !(process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text'),
    encrypt: (text) => safeStorage.encryptString(text),
    decrypt: (cipher) => safeStorage.decryptString(cipher),
  },
  // The private signing key, likewise, only as safeStorage ciphertext when real encryption exists
  // (safeStorage takes strings: the key's bytes go through base64).
  keyProtector: () =>
    safeStorage.isEncryptionAvailable() && !(process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text')
      ? {
          kind: 'safeStorage',
          encrypt: (plain) => safeStorage.encryptString(plain.toString('base64')),
          decrypt: (cipher) => Buffer.from(safeStorage.decryptString(cipher), 'base64'),
        }
      : null,
  host: {
    mode: 'electron',
    version: app.getVersion(),
    setLanguage: (chosen) => {
      language = chosen;
    },
    chooseOpenPath: async () => {
      const words = said().openStore;
      const result = await dialog.showOpenDialog(mainWindow!, {
        title: words.title,
        properties: ['openFile'],
        filters: [
          { name: words.stores, extensions: ['db', 'sqlite', 'sqlite3', 'ledger'] },
          { name: words.allFiles, extensions: ['*'] },
        ],
      });
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    chooseFolder: async () => {
      const result = await dialog.showOpenDialog(mainWindow!, { title: said().projectionsFolder.title, properties: ['openDirectory'] });
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    chooseSavePath: async (suggestedName, defaultDirectory) => {
      const result = await dialog.showSaveDialog(mainWindow!, { title: said().saveAs.title, defaultPath: path.join(defaultDirectory ?? app.getPath('downloads'), suggestedName) });
      return result.canceled || !result.filePath ? null : { path: result.filePath, downloadUrl: null };
    },
    // A typed path is used only once the user confirms it here, in main's own dialog: a
    // compromised renderer can ask, but only a person can answer (pathGrants.ts).
    confinesPaths: true,
    confirmPath: async (file, purpose) => {
      // The e2e suite types paths in an unpackaged build with no person to click; never packaged.
      if (!app.isPackaged && process.env.LEDGER_TEST_CONFIRM_PATHS === '1') return true;
      if (!mainWindow) return false;
      const words = said().confirm;
      const question = words[purpose];
      const answer = await dialog.showMessageBox(mainWindow, {
        type: 'question',
        buttons: [words.cancel, question.button],
        defaultId: 0,
        cancelId: 0,
        title: words.title,
        message: question.message,
        detail: file,
      });
      return answer.response === 1;
    },
    // report/pdf: the printable report as PDF, in a hidden window of its own (window.ts).
    printToPdf: (htmlFile) => printHtmlFileToPdf(htmlFile),
  },
});

const send = (channel: string, payload: unknown) => {
  if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(channel, payload);
};

// One bug must not close the window and lose the user's place: log it, tell the user, keep going.
installCrashGuard(process, { logFile: path.join(paths.config, 'problems.log'), report: (problem) => ledger.problems.report(problem) });

registerAppScheme();
app.enableSandbox();
app.whenReady().then(async () => {
  hardenAllWebContents();
  serveAppScheme(renderer);
  registerIpc(ipcMain, ledger.dispatch, (event) => {
    const frame = event.senderFrame;
    return Boolean(mainWindow && frame && event.sender === mainWindow.webContents && frame === mainWindow.webContents.mainFrame && isAppUrl(frame.url, renderer));
  });
  const initial = storeArgument(process.argv);
  try {
    if (initial) await ledger.session.open(initial);
    else await ledger.session.openDemo();
  } catch (error) {
    // The start screen shows the problem and lets the user pick another file.
    console.error(redactSecrets(`Could not open ${initial ?? 'the demo store'}: ${(error as Error).message}`));
  }
  mainWindow = createMainWindow({ preload: path.join(here, '../preload/index.cjs'), renderer });
  ledger.jobs.subscribe((job) => send(PUSH_CHANNELS.jobUpdate, job));
  ledger.session.onChange((store) => send(PUSH_CHANNELS.storeChanged, store));
  ledger.session.onAppended((change) => send(PUSH_CHANNELS.storeAppended, change));
  ledger.session.onProjectionsChanged((folder) => send(PUSH_CHANNELS.projectionsChanged, folder));
  ledger.integrity.onStatus((status) => send(PUSH_CHANNELS.integrityStatus, status));
  ledger.problems.subscribe((problem) => send(PUSH_CHANNELS.appProblem, problem));
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
});

app.on('window-all-closed', () => {
  ledger.session.dispose();
  void ledger.session.close().finally(() => app.quit());
});
