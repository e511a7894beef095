// Where a worker thread's module is: the .ts beside the caller when run from source (Node strips
// types), the built .js in out/main/ when bundled, or null where there is none (not a file URL, or
// not built), so the caller can do the work on its own thread instead.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * `modules` are relative names such as ['./parseWorker.ts', './parseWorker.js'], kept as variables
 * by the caller (a literal in new URL() would make a bundler copy the bare .ts as an asset);
 * `base` is the caller's import.meta.url.
 */
export function workerEntry(modules: readonly string[], base: string): URL | null {
  for (const module of modules) {
    try {
      const url = new URL(module, base);
      if (url.protocol === 'file:' && fs.existsSync(fileURLToPath(url))) return url;
    } catch {
      // not a file URL: no worker
    }
  }
  return null;
}
