// The main window, hardened per Electron's security checklist: isolated, sandboxed, no Node in the
// renderer, web security on. Navigation, new windows, webviews and permission requests are refused
// for every web contents the app ever creates.
import { BrowserWindow, app, session, type WebContents } from 'electron';

export interface WindowOptions {
  preload: string;
  /** The renderer: a file path (production) or the dev server URL. */
  renderer: { file: string } | { url: string };
}

/** True when `url` is the app's own renderer document (file:// build or the dev server). */
export function isAppUrl(url: string, renderer: WindowOptions['renderer']): boolean {
  try {
    const parsed = new URL(url);
    if ('url' in renderer) return parsed.origin === new URL(renderer.url).origin;
    return parsed.protocol === 'file:' && decodeURIComponent(parsed.pathname) === renderer.file.replace(/\\/g, '/').replace(/^(?=[A-Za-z]:)/, '/');
  } catch {
    return false;
  }
}

export function hardenAllWebContents(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}

export function createMainWindow(options: WindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Replay Ledger',
    backgroundColor: '#f6f8fa',
    webPreferences: {
      preload: options.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  if ('url' in options.renderer) void window.loadURL(options.renderer.url);
  else void window.loadFile(options.renderer.file);
  return window;
}
