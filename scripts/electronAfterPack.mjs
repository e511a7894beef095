// electron-builder afterPack hook: set Replay Ledger's Electron fuses on the packaged binary
// before it is signed and wrapped (see scripts/electronFuses.ts). Node >= 22.18 loads the .ts.
import { flipPackagedFuses, packagedExecutable } from './electronFuses.ts';

export default async function afterPack(context) {
  const platform = context.electronPlatformName;
  const info = context.packager.appInfo;
  const executable = packagedExecutable(context.appOutDir, platform, info.productFilename, context.packager.executableName ?? info.productFilename);
  await flipPackagedFuses(executable, platform === 'darwin' || platform === 'mas');
}
