// Builds the three Electron targets. The preload is CommonJS: a sandboxed preload cannot load an
// ES module, and this package is "type": "module" (so the default would be ESM).
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        // The import's parse worker is an entry of its own, so the bundle has a file to start it from.
        input: { index: resolve('src/main/index.ts'), parseWorker: resolve('src/main/import/parseWorker.ts') },
        external: ['better-sqlite3', 'electron'],
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
