// `npm start [FILE]`: the desktop app when an Electron binary and a display exist, otherwise the
// same app in browser mode (with the reason printed). With no FILE, the embedded demo store opens.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startBrowserMode } from '../src/bridge/browserMode.ts';
import { demoOptionsFromEnv, ensureDemoStore } from '../src/main/session/demoStore.ts';
import { defaultAppPaths } from '../src/main/session/paths.ts';
import { electronBinary } from './electronBinary.ts';
import { isPgUrl } from '../src/main/adapters/postgres/target.ts';

const root = path.resolve(import.meta.dirname, '..');
// A database URL is passed on as it is; a file path is made absolute.
const file = process.argv[2] ? (isPgUrl(process.argv[2]) ? process.argv[2] : path.resolve(process.argv[2])) : undefined;

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** Builds main / preload / renderer when the build is missing or older than the sources. */
function ensureBuild(): void {
  const marker = path.join(root, 'out', 'renderer', 'index.html');
  const built = fs.existsSync(marker) ? fs.statSync(marker).mtimeMs : 0;
  const sources = Math.max(...['src/main', 'src/preload', 'src/renderer', 'src/shared'].map((d) => newestMtime(path.join(root, d))));
  if (built >= sources) return;
  console.log('Building the app (electron-vite build)…');
  const result = spawnSync(path.join(root, 'node_modules', '.bin', 'electron-vite'), ['build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function ensureDemo(): void {
  if (file) return;
  let shown = 0;
  ensureDemoStore(defaultAppPaths().cache, demoOptionsFromEnv(), (done, total) => {
    if (done - shown < total / 20 && done < total) return;
    shown = done;
    process.stdout.write(`\rGenerating the demo store: ${Math.floor((done / total) * 100)}%`);
    if (done === total) process.stdout.write('\n');
  });
}

ensureBuild();
ensureDemo();
const electron = electronBinary();
if ('path' in electron) {
  const args = [path.join(root, 'out', 'main', 'index.js'), ...(file ? [`--store=${file}`] : [])];
  const child = spawn(electron.path, args, { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log(`Electron is not available here: ${electron.reason}\nStarting browser mode instead (same UI, same services).`);
  const { bridge } = await startBrowserMode({ file, openDemo: !file, demoOptions: demoOptionsFromEnv(), warn: (m) => console.error(m), guardProcess: true });
  console.log(`\nReplay Ledger is running at ${bridge.url}\nOpen that address in a browser. Press Ctrl+C to stop.`);
  const stop = async () => {
    await bridge.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
