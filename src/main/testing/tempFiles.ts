// Test helpers: throwaway folders and stores that clean up after the test file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll } from 'vitest';
import type { EventStore } from '../store/eventStore.ts';
import { openStore } from '../store/openStore.ts';

export function tempDir(label = 'ledger'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${label}-`));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

let counter = 0;

/** A new writable store in a temp folder; closed after the test file. */
export function tempStore(dir: string = tempDir()): EventStore {
  const store = openStore(path.join(dir, `store-${++counter}.db`), { readonly: false, create: true });
  afterAll(() => store.close());
  return store;
}

/** sha256 of a file and of its -wal / -shm companions when present (to prove nothing was written). */
export function fileFingerprint(file: string): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const suffix of ['', '-wal', '-shm']) {
    const target = file + suffix;
    // A FIFO or a symlink loop in the hostile corpus must not block or throw here: stat first.
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(target, { throwIfNoEntry: false });
    } catch {
      out[suffix || 'db'] = `unreadable link to ${fs.readlinkSync(target)}`;
      continue;
    }
    out[suffix || 'db'] = !stat ? null : stat.isFile() ? createHash('sha256').update(fs.readFileSync(target)).digest('hex') : 'special';
  }
  return out;
}
