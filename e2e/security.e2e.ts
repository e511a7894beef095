// The renderer runs as an untrusted web page: no Node, no raw IPC, a strict CSP.
import { expect, test } from './fixtures.ts';

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
