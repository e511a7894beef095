// The Electron fuses every packaged build of Replay Ledger ships with (Electron's security
// checklist, "Fuses"): features baked into the binary that an attacker could otherwise switch on
// from outside (ELECTRON_RUN_AS_NODE, NODE_OPTIONS, --inspect) are off, and the app code must be
// the signed asar. electron-builder calls flipPackagedFuses from its afterPack hook
// (scripts/electronAfterPack.mjs, named in electron-builder.yml).
import { FuseV1Options, FuseVersion, flipFuses, type FuseV1Config } from '@electron/fuses';
import path from 'node:path';

export const LEDGER_FUSES = {
  version: FuseVersion.V1,
  // A fuse added by a newer Electron must be decided here, not inherited silently.
  strictlyRequireAllFuses: true,
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  // The renderer is served from app://, so file:// needs none of its legacy privileges.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  [FuseV1Options.WasmTrapHandlers]: true,
} satisfies FuseV1Config;

/** The Electron executable inside an electron-builder output folder, per platform. */
export function packagedExecutable(appOutDir: string, platform: string, productFilename: string, executableName: string): string {
  if (platform === 'darwin' || platform === 'mas') return path.join(appOutDir, `${productFilename}.app`);
  if (platform === 'win32') return path.join(appOutDir, `${productFilename}.exe`);
  return path.join(appOutDir, executableName);
}

export async function flipPackagedFuses(executable: string, darwin: boolean): Promise<void> {
  await flipFuses(executable, { ...LEDGER_FUSES, resetAdHocDarwinSignature: darwin });
}
