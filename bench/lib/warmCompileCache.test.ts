import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../src/main/testing/tempFiles.ts';
import { measureEnv, runMeasure } from './child.ts';
import { BENCH_DIR, REPO_DIR } from './paths.ts';
import { modulesToWarm } from './warmCompileCache.ts';

describe('the bench loads the sources as the installed command does', () => {
  it('runs every measurement with a compile cache, unless the caller turned it off', () => {
    const saved = { ...process.env };
    try {
      delete process.env.NODE_COMPILE_CACHE;
      delete process.env.NODE_DISABLE_COMPILE_CACHE;
      expect(measureEnv().NODE_COMPILE_CACHE).toMatch(/node-compile-cache$/);
      process.env.NODE_COMPILE_CACHE = '/somewhere/else';
      expect(measureEnv().NODE_COMPILE_CACHE).toBe('/somewhere/else');
      process.env.NODE_DISABLE_COMPILE_CACHE = '1';
      expect(measureEnv()).toBe(process.env);
    } finally {
      process.env = saved;
    }
  });

  it('warms the measures and every worker thread entry, so no first run pays for the stripper', () => {
    const files = modulesToWarm().map((f) => path.relative(REPO_DIR, f));
    for (const entry of ['src/main/import/parseWorker.ts', 'src/main/store/readWorker.ts', 'src/main/export/exportWorker.ts', 'src/main/verify/checkWorker.ts', 'src/main/verify/chainHashWorker.ts']) expect(files).toContain(entry);
    for (const measure of fs.readdirSync(path.join(BENCH_DIR, 'measures')).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) expect(files).toContain(`bench/measures/${measure}`);
    expect(files.filter((f) => f.endsWith('.test.ts'))).toEqual([]);
  });

  it('fills the cache folder in a child, worker entries included', async () => {
    const dir = path.join(tempDir('bench-warm'), 'cache');
    const saved = process.env.NODE_COMPILE_CACHE;
    process.env.NODE_COMPILE_CACHE = dir;
    try {
      const result = await runMeasure('compileCache.warm', {});
      expect(result.units).toBe(modulesToWarm().length);
      // One entry per compiled module: the warmed files and everything they import.
      const entries = fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => fs.statSync(path.join(dir, f)).isFile());
      expect(entries.length).toBeGreaterThan(modulesToWarm().length);
    } finally {
      if (saved === undefined) delete process.env.NODE_COMPILE_CACHE;
      else process.env.NODE_COMPILE_CACHE = saved;
    }
  });
});
