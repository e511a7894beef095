// Where the Electron binary is, or why the desktop app cannot start. npm 11 does not run electron's download
// script unless approved, and this machine cannot reach the download server anyway.
import fs from 'node:fs';
import path from 'node:path';
const ROOT = path.resolve(import.meta.dirname, '..');

/** The Electron binary to launch, or why the desktop app cannot run here (no binary, no display). */
export function electronBinary(): { path: string } | { reason: string } {
  const found = findBinary();
  if ('path' in found && process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { reason: `there is no display (DISPLAY / WAYLAND_DISPLAY unset); run under xvfb-run to use the Electron app at ${found.path}` };
  }
  return found;
}

/**
 * The same lookup as the electron package's index.js (path.txt → dist/<binary>), minus its side
 * effect: requiring that module starts a binary download when the binary is missing.
 */
function findBinary(): { path: string } | { reason: string } {
  const electronDir = path.join(ROOT, 'node_modules', 'electron');
  const pathFile = path.join(electronDir, 'path.txt');
  const relative = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : null;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const candidate = path.join(override, relative ?? (process.platform === 'win32' ? 'electron.exe' : process.platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : 'electron'));
    return fs.existsSync(candidate) ? { path: candidate } : { reason: `ELECTRON_OVERRIDE_DIST_PATH is set but ${candidate} does not exist` };
  }
  if (relative && fs.existsSync(path.join(electronDir, 'dist', relative))) return { path: path.join(electronDir, 'dist', relative) };
  return {
    reason:
      `no Electron ${readElectronVersion()} binary is installed (npm skips electron's download script, and its download server is ` +
      'not reachable from this machine). Set ELECTRON_OVERRIDE_DIST_PATH to an Electron folder, or run "node node_modules/electron/install.js" where it is reachable.',
  };
}

function readElectronVersion(): string {
  try {
    return JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
  } catch {
    return '';
  }
}

/**
 * The release workflow sets LEDGER_REQUIRE_ELECTRON=1: there a missing binary or display must fail
 * the e2e run instead of skipping every Electron journey quietly.
 */
export function assertElectronWhenRequired(found: { path: string } | { reason: string }, env: NodeJS.ProcessEnv = process.env): void {
  if ('reason' in found && env.LEDGER_REQUIRE_ELECTRON === '1') {
    throw new Error(`LEDGER_REQUIRE_ELECTRON is set but the Electron app cannot run: ${found.reason}`);
  }
}
