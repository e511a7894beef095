// Electron app shell: lifecycle and composition only. Everything else is plain services that also
// run under Node (CLI, browser mode); this is the only file, with window.ts, that imports Electron.
import { BrowserWindow, app, dialog, ipcMain } from 'electron';
import path from 'node:path';
import { PUSH_CHANNELS } from '../shared/channels.ts';
import { createLedgerApp } from './composition.ts';
import { registerIpc } from './ipc/register.ts';
import { demoOptionsFromEnv } from './session/demoStore.ts';
import { defaultAppPaths } from './session/paths.ts';
import { createMainWindow, hardenAllWebContents, isAppUrl, type WindowOptions } from './window.ts';

const here = import.meta.dirname;
const renderer: WindowOptions['renderer'] = process.env.ELECTRON_RENDERER_URL
  ? { url: process.env.ELECTRON_RENDERER_URL }
  : { file: path.join(here, '../renderer/index.html') };

/** The store to open: `--store=FILE` or the first non-flag argument after the app path. */
function storeArgument(argv: string[]): string | undefined {
  const flag = argv.find((a) => a.startsWith('--store='));
  if (flag) return flag.slice('--store='.length);
  const rest = argv.slice(app.isPackaged ? 1 : 2).filter((a) => !a.startsWith('-'));
  return rest[0];
}

let mainWindow: BrowserWindow | null = null;

const ledger = createLedgerApp({
  paths: defaultAppPaths(),
  demoOptions: demoOptionsFromEnv(),
  host: {
    mode: 'electron',
    version: app.getVersion(),
    chooseOpenPath: async () => {
      const result = await dialog.showOpenDialog(mainWindow!, {
        title: 'Open an event store',
        properties: ['openFile'],
        filters: [
          { name: 'Event stores', extensions: ['db', 'sqlite', 'sqlite3', 'ledger'] },
          { name: 'All files', extensions: ['*'] },
        ],
      });
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    chooseSavePath: async (suggestedName, defaultDirectory) => {
      const result = await dialog.showSaveDialog(mainWindow!, { title: 'Save as', defaultPath: path.join(defaultDirectory ?? app.getPath('downloads'), suggestedName) });
      return result.canceled || !result.filePath ? null : { path: result.filePath, downloadUrl: null };
    },
  },
});

app.enableSandbox();
app.whenReady().then(() => {
  hardenAllWebContents();
  registerIpc(ipcMain, ledger.dispatch, (event) => {
    const frame = event.senderFrame;
    return Boolean(mainWindow && frame && event.sender === mainWindow.webContents && frame === mainWindow.webContents.mainFrame && isAppUrl(frame.url, renderer));
  });
  const initial = storeArgument(process.argv);
  try {
    if (initial) ledger.session.open(initial);
    else ledger.session.openDemo();
  } catch (error) {
    // The start screen shows the problem and lets the user pick another file.
    console.error(`Could not open ${initial ?? 'the demo store'}: ${(error as Error).message}`);
  }
  mainWindow = createMainWindow({ preload: path.join(here, '../preload/index.cjs'), renderer });
  const send = (channel: string, payload: unknown) => {
    if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(channel, payload);
  };
  ledger.jobs.subscribe((job) => send(PUSH_CHANNELS.jobUpdate, job));
  ledger.session.onChange((store) => send(PUSH_CHANNELS.storeChanged, store));
  ledger.session.onAppended((change) => send(PUSH_CHANNELS.storeAppended, change));
  ledger.integrity.onStatus((status) => send(PUSH_CHANNELS.integrityStatus, status));
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
});

app.on('window-all-closed', () => {
  ledger.session.dispose();
  ledger.session.close();
  app.quit();
});
