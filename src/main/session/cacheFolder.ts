// "Clear caches": a regenerable cache folder (search indexes, hour counts) emptied and removed,
// with the bytes it held. Files that vanish meanwhile are fine: another clear got there first.
import fs from 'node:fs';
import path from 'node:path';

export function clearCacheFolder(folder: string): number {
  let names: string[];
  try {
    names = fs.readdirSync(folder);
  } catch {
    return 0;
  }
  let freed = 0;
  for (const name of names) {
    const file = path.join(folder, name);
    try {
      freed += fs.statSync(file).size;
    } catch {
      /* already gone */
    }
    fs.rmSync(file, { force: true, recursive: true });
  }
  fs.rmSync(folder, { force: true, recursive: true });
  return freed;
}
