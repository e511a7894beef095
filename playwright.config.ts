// Two projects run the same journeys: `bridge` (the real renderer + services over the loopback
// bridge, in Debian's Chromium: always runs) and `electron` (the packaged app via _electron.launch:
// runs where an Electron binary exists, otherwise every test is skipped with the reason printed).
import { defineConfig } from '@playwright/test';

export const CHROMIUM = process.env.LEDGER_CHROMIUM ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.e2e.ts',
  globalSetup: './e2e/globalSetup.ts',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: process.env.CI ? 2 : 1,
  retries: 0,
  outputDir: 'test-results/playwright',
  reporter: [['list']],
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    viewport: { width: 1440, height: 900 },
  },
  projects: [
    {
      name: 'bridge',
      use: {
        browserName: 'chromium',
        launchOptions: {
          executablePath: CHROMIUM,
          // As root in a container: no sandbox; no GPU; /dev/shm is small; and no background
          // networking, which this offline machine refuses connection by connection.
          args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
        },
      },
    },
    { name: 'electron' },
  ],
});
