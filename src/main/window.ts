// The main window, hardened per Electron's security checklist: isolated, sandboxed, no Node in the
// renderer, web security on, the renderer served from the privileged app:// protocol with the CSP
// as a response header. Navigation, new windows, webviews, permission and device requests are
// refused for every web contents the app ever creates; packaged builds have no devtools.
import { BrowserWindow, app, protocol, session, type WebContents } from 'electron';
import { APP_SCHEME, answerAppRequest, rendererEntry, type RendererSource } from './appProtocol.ts';
import { RENDERER_CSP } from '../shared/security.ts';
import { pathToFileURL } from 'node:url';

export interface WindowOptions {
  preload: string;
  renderer: RendererSource;
}

/** Must run before `app` is ready: the scheme is standard (relative URLs, origin) and secure. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);
}

/** Serves the built renderer folder on app://renderer/ (after `app` is ready). */
export function serveAppScheme(renderer: RendererSource): void {
  if (!('protocol' in renderer)) return;
  const dir = renderer.protocol;
  protocol.handle(APP_SCHEME, (request) => {
    const answer = answerAppRequest(request.method, request.url, dir);
    return new Response(typeof answer.body === 'string' ? answer.body : new Uint8Array(answer.body), { status: answer.status, headers: answer.headers });
  });
}

export function hardenAllWebContents(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  // The CSP as a header on every response too (the dev server's included), not only the meta tag.
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [RENDERER_CSP] } });
  });
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-frame-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    if (app.isPackaged) contents.on('devtools-opened', () => contents.closeDevTools());
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
      devTools: !app.isPackaged,
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(rendererEntry(options.renderer));
  return window;
}

/** An in-memory session of its own for printing reports: the main window's CSP header and storage stay apart. */
const REPORT_PDF_PARTITION = 'report-pdf';

/**
 * The PDF of a report file: loaded in a hidden window (never shown; not `offscreen`, whose
 * rendering path printing does not need) with JavaScript off, in its own
 * session where every request but the file itself is cancelled (the report loads nothing anyway;
 * this holds even for a report someone edited), printed on A4 as its print stylesheet says.
 */
export async function printHtmlFileToPdf(file: string): Promise<Uint8Array> {
  const url = pathToFileURL(file).href;
  const ses = session.fromPartition(REPORT_PDF_PARTITION);
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: details.url !== url }));
  const window = new BrowserWindow({
    show: false,
    webPreferences: {
      partition: REPORT_PDF_PARTITION,
      javascript: false,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      images: false,
      webgl: false,
      spellcheck: false,
      devTools: false,
    },
  });
  try {
    await window.loadURL(url);
    return await window.webContents.printToPDF({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true });
  } finally {
    window.destroy();
  }
}
