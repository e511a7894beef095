// The chain of signed exports per store (issue 14, after CloudTrail's digest files): each signed
// manifest carries the previous signed manifest's signature from the same store, so an export that
// is withheld or replaced leaves a visible gap. The viewer keeps the last link per store under
// <ledger home>/signing/chains/<storeKey>.json, keyed by storeKeyOf(store).key (never in the store).
import fs from 'node:fs';
import path from 'node:path';
import type { ManifestChainLink } from '../../../shared/verify.ts';
import { words } from '../../../shared/errorWords/index.ts';
import { LedgerError } from '../../errors.ts';
import { homeFolder, ledgerHome } from '../home.ts';
import { writeFileAtomic } from './privateFile.ts';

const HEX64 = /^[0-9a-f]{64}$/;
/** A lock older than this was left by a process that died mid-seal (a seal takes milliseconds). */
const STALE_LOCK_MS = 60_000;
const LOCK_WAIT_MS = 15_000;

export interface ExportChain {
  /** The last signed export of this store, or null for the first (or when the record is unreadable: then `problem` says why). */
  last(storeKey: string): { link: ManifestChainLink | null; problem: string | null };
  /** Records a new signed export as the store's last. */
  advance(storeKey: string, link: ManifestChainLink): void;
  /**
   * Holds the store's chain from reading its last link to advancing it, across processes (the app
   * and a CLI signing from one store at once would otherwise both take the same sequence number).
   */
  lock(storeKey: string, options?: { waitMs?: number }): Promise<() => void>;
}

function validLink(value: unknown): value is ManifestChainLink {
  const v = value as Partial<ManifestChainLink> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    Number.isSafeInteger(v.sequence) &&
    typeof v.signature === 'string' &&
    Buffer.from(v.signature, 'base64').length === 64 &&
    typeof v.manifestSha256 === 'string' &&
    HEX64.test(v.manifestSha256) &&
    typeof v.fingerprint === 'string' &&
    typeof v.createdAt === 'string' &&
    typeof v.file === 'string'
  );
}

export function createExportChain(options: { home?: string | (() => string) } = {}): ExportChain {
  const home = () => (typeof options.home === 'function' ? options.home() : (options.home ?? ledgerHome()));
  const fileOf = (storeKey: string) => {
    if (!HEX64.test(storeKey)) throw new Error(`not a store key: ${storeKey}`);
    return path.join(homeFolder(home(), 'signing', 'chains'), `${storeKey}.json`);
  };
  return {
    last: (storeKey) => {
      const file = fileOf(storeKey);
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { link: null, problem: null };
        return { link: null, problem: `the record of the previous export (${file}) cannot be read: ${(error as Error).message}` };
      }
      try {
        const value = JSON.parse(text) as unknown;
        if (validLink(value)) return { link: value, problem: null };
      } catch {
        // falls through: damaged
      }
      return { link: null, problem: `the record of the previous export (${file}) is damaged` };
    },
    advance: (storeKey, link) => writeFileAtomic(fileOf(storeKey), JSON.stringify(link, null, 2) + '\n'),
    lock: async (storeKey, lockOptions = {}) => {
      const file = `${fileOf(storeKey)}.lock`;
      const deadline = Date.now() + (lockOptions.waitMs ?? LOCK_WAIT_MS);
      for (;;) {
        try {
          fs.writeFileSync(file, `${process.pid}\n`, { flag: 'wx', mode: 0o600 });
          return () => fs.rmSync(file, { force: true });
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
            throw new LedgerError('IO_ERROR', words('errorWords.key.cannotLockChain', { path: file, error: (error as Error).message }), { path: file });
          }
        }
        const age = Date.now() - (fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
        if (age > STALE_LOCK_MS) {
          fs.rmSync(file, { force: true });
          continue;
        }
        if (Date.now() > deadline) {
          throw new LedgerError('CONCURRENCY', words('errorWords.key.chainBusy', {}), { path: file });
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  };
}
