// The embedded demo store: generated once into the cache folder (deterministic, so any copy is the
// same store) and reused. The file name carries the generator options, so changing them regenerates.
import fs from 'node:fs';
import path from 'node:path';
import { DEMO_DEFAULTS, writeDemoStore, type DemoOptions } from '../demo/generateDemo.ts';

export function demoStorePath(cacheDir: string, options: DemoOptions = {}): string {
  const o = { ...DEMO_DEFAULTS, ...options };
  return path.join(cacheDir, `demo-${o.seed}-${o.streams}s-${o.events}e-${o.longStreams}x${o.longEvents}.db`);
}

/** Options from LEDGER_DEMO_SIZE: 'small' keeps tests and first starts quick. */
export function demoOptionsFromEnv(): DemoOptions {
  return process.env.LEDGER_DEMO_SIZE === 'small' ? { streams: 120, events: 6000, longStreams: 2, longEvents: 3000 } : {};
}

export function ensureDemoStore(cacheDir: string, options: DemoOptions = {}, onProgress?: DemoOptions['onProgress']): string {
  const file = demoStorePath(cacheDir, options);
  if (!fs.existsSync(file)) writeDemoStore(file, { ...options, onProgress });
  return file;
}
