// Builds the three Electron targets. The preload is CommonJS: a sandboxed preload cannot load an
// ES module, and this package is "type": "module" (so the default would be ESM).
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        // Workers are entries of their own (out/main/<name>.js), started by that name: verify's
        // hashing worker (parallelChain.ts), its index-check worker (offThreadChecks.ts), the import's
        // parse worker, the import's own thread (workerImport.ts) and the event export's worker.
        input: {
          index: resolve('src/main/index.ts'),
          chainHashWorker: resolve('src/main/verify/chainHashWorker.ts'),
          checkWorker: resolve('src/main/verify/checkWorker.ts'),
          parseWorker: resolve('src/main/import/parseWorker.ts'),
          importThread: resolve('src/main/import/importThread.ts'),
          exportWorker: resolve('src/main/export/exportWorker.ts'),
        },
        external: ['better-sqlite3', 'electron'],
        // Shared chunks beside the entries, not in chunks/: code that finds a worker by a URL
        // relative to itself (workerEntry, new URL('./x.js', import.meta.url)) may land in a chunk,
        // and there './parseWorker.js' would name out/main/chunks/parseWorker.js, which is not there.
        output: { chunkFileNames: '[name]-[hash].js' },
      },
    },
  },
  preload: {
    build: {
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('src/renderer'),
    plugins: [react()],
    build: {
      rollupOptions: { input: { index: resolve('src/renderer/index.html') } },
    },
  },
});
