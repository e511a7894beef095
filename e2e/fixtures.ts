// The `ledger` fixture: the app under test with a store open, as a Playwright Page. In the bridge
// project it spawns the real `ledger serve` and drives Debian's Chromium; in the electron project it
// launches the built app with _electron.launch (skipped, with the reason, when there is no binary).
// Every test also fails on an uncaught page error: a white screen must never pass.
import { _electron, chromium, expect, test as base, type ElectronApplication, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CHROMIUM } from '../playwright.config.ts';
import { electronBinary } from '../scripts/electronBinary.ts';
import { ARTIFACTS, CLI, DEMO_STORE, ROOT } from './support/paths.ts';

export interface LedgerSession {
  page: Page;
  mode: 'bridge' | 'electron';
  /** The store opened at start. */
  storeFile: string;
  /** Private config / cache folders of this app instance. */
  home: string;
  /** Saves a full-page screenshot under e2e/artifacts/<project>/<name>.png. */
  screenshot(name: string): Promise<void>;
  /** Electron only: the app handle, for checks inside main. */
  electron: ElectronApplication | null;
}

function waitForUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`ledger serve did not start:\n${output}`)), 30_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /at (http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => void (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`ledger serve exited with ${code}:\n${output}`));
    });
  });
}

export const test = base.extend<{ storeFile: string; lang: 'en' | 'zh-CN'; timeZone: string | undefined; ledger: LedgerSession }>({
  storeFile: [DEMO_STORE, { option: true }],
  // The renderer's language (`?lang=` in browser mode). English unless a test asks otherwise: the
  // journeys look for English text, whatever the machine's locale.
  lang: ['en', { option: true }],
  // The zone the app believes it is in (an IANA name); the machine's own unless a test pins one.
  timeZone: [undefined, { option: true }],
  ledger: async ({ storeFile, lang, timeZone }, use, testInfo) => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-e2e-'));
    // LEDGER_HOME: the viewer's own records (activity log, case notes, keys) in this instance's temp folder too.
    const env = { ...process.env, LEDGER_CONFIG_DIR: path.join(home, 'config'), LEDGER_CACHE_DIR: path.join(home, 'cache'), LEDGER_DEMO_SIZE: 'small', LEDGER_HOME: path.join(home, 'ledger-home') };
    const errors: string[] = [];
    const mode = testInfo.project.name === 'electron' ? 'electron' : 'bridge';
    let page: Page;
    let cleanup: () => Promise<void>;
    let electron: ElectronApplication | null = null;

    if (mode === 'electron') {
      const binary = electronBinary();
      test.skip('reason' in binary, 'reason' in binary ? binary.reason : '');
      electron = await _electron.launch({
        executablePath: (binary as { path: string }).path,
        args: [path.join(ROOT, 'out', 'main', 'index.js'), `--store=${storeFile}`],
        // Typed paths need a person's confirmation in Electron (pathGrants.ts); the unpackaged
        // test build answers yes by itself.
        // The OS locale is what Electron's renderer reads as navigator.languages (no ?lang= there).
        env: { ...env, LEDGER_TEST_CONFIRM_PATHS: '1', LANG: lang === 'zh-CN' ? 'zh_CN.UTF-8' : 'en_US.UTF-8', LANGUAGE: lang === 'zh-CN' ? 'zh_CN' : 'en_US', ...(timeZone ? { TZ: timeZone } : {}) },
      });
      page = await electron.firstWindow();
      const app = electron;
      cleanup = () => app.close();
    } else {
      const server = spawn(process.execPath, [CLI, 'serve', storeFile, '--port', '0'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      const url = await waitForUrl(server);
      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
      });
      const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1440, height: 900 }, locale: lang === 'zh-CN' ? 'zh-CN' : 'en-US', ...(timeZone ? { timezoneId: timeZone } : {}) });
      page = await context.newPage();
      await page.goto(`${url}&lang=${lang}`);
      cleanup = async () => {
        await browser.close();
        server.kill('SIGTERM');
        await new Promise((resolve) => (server.exitCode !== null ? resolve(null) : server.once('exit', resolve)));
      };
    }
    page.on('pageerror', (error) => errors.push(error.message));

    await use({
      page,
      mode,
      storeFile,
      home,
      electron,
      screenshot: async (name) => {
        const dir = path.join(ARTIFACTS, testInfo.project.name);
        fs.mkdirSync(dir, { recursive: true });
        await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
      },
    });

    await cleanup();
    fs.rmSync(home, { recursive: true, force: true });
    expect(errors, 'uncaught errors in the page').toEqual([]);
  },
});

export { expect };
