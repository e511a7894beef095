// The renderer runs as an untrusted web page: no Node, no raw IPC, a strict CSP. In browser mode the
// viewer service answers only its own page with the session token; in Electron, navigation and new
// windows are refused and IPC answers only the app's own top frame (those run where Electron does).
import path from 'node:path';
import { expect, test } from './fixtures.ts';
import { ROOT } from './support/paths.ts';

test('the renderer has no require, process or raw ipcRenderer', async ({ ledger }) => {
  const { page } = ledger;
  await expect(page.getByTestId('app')).toBeVisible();
  const globals = await page.evaluate(() => ({
    require: typeof (window as unknown as { require?: unknown }).require,
    process: typeof (window as unknown as { process?: unknown }).process,
    module: typeof (window as unknown as { module?: unknown }).module,
    ipcRenderer: typeof (window as unknown as { ipcRenderer?: unknown }).ipcRenderer,
    ledgerKeys: (window as unknown as { ledger?: object }).ledger ? Object.keys((window as unknown as { ledger: object }).ledger) : [],
  }));
  expect(globals).toMatchObject({ require: 'undefined', process: 'undefined', module: 'undefined', ipcRenderer: 'undefined' });
  // In Electron the preload exposes named methods only; in browser mode there is no window.ledger.
  for (const key of globals.ledgerKeys) expect(key).not.toMatch(/ipc|invoke|send|on$/i);
});

test('the CSP blocks a script injected into the page, inline handlers included', async ({ ledger }) => {
  const { page } = ledger;
  await expect(page.getByTestId('app')).toBeVisible();
  const outcome = await page.evaluate(async () => {
    const violations: string[] = [];
    document.addEventListener('securitypolicyviolation', (event) => violations.push(event.effectiveDirective));
    const marks = window as unknown as { __injected?: boolean; __handler?: boolean };
    const script = document.createElement('script');
    script.textContent = 'window.__injected = true;';
    document.body.appendChild(script);
    const image = document.createElement('img');
    image.setAttribute('onerror', 'window.__handler = true');
    image.src = 'data:image/png;base64,AAAA';
    document.body.appendChild(image);
    await new Promise((resolve) => setTimeout(resolve, 500));
    script.remove();
    image.remove();
    return { injected: marks.__injected === true, handler: marks.__handler === true, violations };
  });
  expect(outcome.injected).toBe(false);
  expect(outcome.handler).toBe(false);
  expect(outcome.violations).toContain('script-src-elem');
  expect(outcome.violations).toContain('script-src-attr');
});

test('the viewer service refuses calls with a wrong token or from another origin', async ({ ledger }) => {
  test.skip(ledger.mode !== 'bridge', 'browser mode only: Electron has no HTTP service');
  const { page } = ledger;
  await expect(page.getByTestId('app')).toBeVisible();
  const origin = new URL(page.url()).origin;
  const token = await page.evaluate(() => sessionStorage.getItem('replay-ledger.token') ?? '');
  expect(token).toMatch(/^[0-9a-f]{20,}$/);
  const call = (headers: Record<string, string>) =>
    fetch(`${origin}/api/call/${encodeURIComponent('store/current')}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: '{}' }).then(async (r) => ({
      status: r.status,
      body: (await r.json()) as { ok: boolean; error?: { code: string } },
    }));

  // The page's own origin with the session token: answered (the control).
  expect(await call({ 'X-Ledger-Token': token, Origin: origin })).toMatchObject({ status: 200, body: { ok: true } });
  // A wrong token, or none: refused.
  expect(await call({ 'X-Ledger-Token': token.replace(/./, (c) => (c === '0' ? '1' : '0')), Origin: origin })).toMatchObject({ status: 401, body: { ok: false, error: { code: 'FORBIDDEN' } } });
  expect(await call({})).toMatchObject({ status: 401, body: { ok: false, error: { code: 'FORBIDDEN' } } });
  // Another origin, even with the right token: refused.
  expect(await call({ 'X-Ledger-Token': token, Origin: 'http://evil.example' })).toMatchObject({ status: 403, body: { ok: false, error: { code: 'FORBIDDEN' } } });

  // The same from a real page of another origin: the browser's request never gets an answer it can read.
  const other = await page.context().newPage();
  try {
    await other.goto('about:blank');
    const refused = await other.evaluate(
      async ({ url, secret }) => {
        try {
          const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Ledger-Token': secret }, body: '{}' });
          return `answered ${response.status}`;
        } catch (error) {
          return `refused: ${(error as Error).name}`;
        }
      },
      { url: `${origin}/api/call/${encodeURIComponent('store/current')}`, secret: token },
    );
    expect(refused).toMatch(/^refused|answered 40[13]$/);
  } finally {
    await other.close();
  }
});

test('Electron refuses new windows and navigation away from the app', async ({ ledger }) => {
  test.skip(!ledger.electron, 'Electron only: in browser mode the page is an ordinary tab');
  const app = ledger.electron!;
  const { page } = ledger;
  await expect(page.getByTestId('app')).toBeVisible();
  const url = page.url();
  expect(await page.evaluate(() => window.open('https://example.com/', '_blank'))).toBeNull();
  await page.evaluate(() => {
    const link = document.createElement('a');
    link.href = 'https://example.com/';
    link.target = '_blank';
    document.body.appendChild(link);
    link.click();
    link.remove();
  });
  await page.evaluate(() => {
    window.location.href = 'https://example.com/';
  });
  await page.waitForTimeout(500);
  expect(app.windows()).toHaveLength(1);
  expect(page.url()).toBe(url);
  await expect(page.getByTestId('app')).toBeVisible();
});

test("Electron rejects IPC calls from a frame that is not the app's top frame", async ({ ledger }) => {
  test.skip(!ledger.electron, 'Electron only: there is no IPC in browser mode');
  const preload = path.join(ROOT, 'out', 'preload', 'index.cjs');
  const answer = await ledger.electron!.evaluate(async ({ BrowserWindow }, preload) => {
    const main = BrowserWindow.getAllWindows()[0];
    // The app's own page and preload, but in another window: its frame is not the app's top frame.
    const other = new BrowserWindow({ show: false, webPreferences: { preload, contextIsolation: true, sandbox: true, nodeIntegration: false } });
    try {
      await other.loadURL(main.webContents.getURL());
      return (await other.webContents.executeJavaScript('window.ledger.currentStore()')) as unknown;
    } finally {
      other.destroy();
    }
  }, preload);
  expect(answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  // The app's own window is still answered.
  expect(await ledger.page.evaluate(() => (window as unknown as { ledger: { currentStore(): Promise<{ ok: boolean }> } }).ledger.currentStore())).toMatchObject({ ok: true });
});
