// Where the Electron binary is, or why the desktop app cannot start. npm 11 does not run electron's download
// script unless approved, and this machine cannot reach the download server anyway.
import fs from 'node:fs';
import { createRequire } from 'node:module';
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

function findBinary(): { path: string } | { reason: string } {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const candidate = path.join(override, process.platform === 'win32' ? 'electron.exe' : process.platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : 'electron');
    return fs.existsSync(candidate) ? { path: candidate } : { reason: `ELECTRON_OVERRIDE_DIST_PATH is set but ${candidate} does not exist` };
  }
  try {
    const binary = createRequire(path.join(ROOT, 'package.json'))('electron') as string;
    return fs.existsSync(binary) ? { path: binary } : { reason: `the electron package points at ${binary}, which does not exist` };
  } catch (error) {
    const first = String((error as Error).message).split('\n')[0];
    return {
      reason: `no Electron binary is installed (${first}). Set ELECTRON_OVERRIDE_DIST_PATH to an Electron ${readElectronVersion()} folder, or run "node node_modules/electron/install.js" where its download server is reachable.`,
    };
  }
}

function readElectronVersion(): string {
  try {
    return JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
  } catch {
    return '(see package.json)';
  }
}
