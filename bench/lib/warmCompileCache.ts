// Fills Node's compile cache with every module a measurement can load, before the first row runs:
// the measures (and through them the app's services) and the worker threads' entry files. Without
// it the first run of each row would load the TypeScript stripper and report its ~30 MB as the
// row's peak RSS (runMeasure's measureEnv explains why the cache is on). A worker entry evaluated
// here, outside a worker, throws at its first use of parentPort: it has been compiled by then,
// which is all the cache needs.
import fs from 'node:fs';
import module from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Measurement } from '../measures/types.ts';
import { BENCH_DIR, REPO_DIR } from './paths.ts';

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).map((f) => path.join(dir, f));
}

/** The bench's measures and the app's worker-thread entries (files that talk to parentPort). */
export function modulesToWarm(): string[] {
  const measures = sourceFiles(path.join(BENCH_DIR, 'measures'));
  const workers = sourceFiles(path.join(REPO_DIR, 'src', 'main')).filter((f) => /\bparentPort\b/.test(fs.readFileSync(f, 'utf8')));
  return [...measures, ...workers];
}

export async function warmCompileCache(): Promise<Measurement> {
  const started = performance.now();
  const files = modulesToWarm();
  const failed: string[] = [];
  for (const file of files) {
    try {
      await import(pathToFileURL(file).href);
    } catch {
      failed.push(path.relative(REPO_DIR, file));
    }
  }
  module.flushCompileCache();
  return { ms: performance.now() - started, units: files.length, details: { directory: module.getCompileCacheDir() ?? null, evaluatedWithError: failed } };
}
