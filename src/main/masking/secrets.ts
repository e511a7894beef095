// Masking secrets: 32 random bytes per bundle, kept by the auditor under
// <ledger home>/masking-secrets/<bundle id>.key (owner-only, 0600) and NEVER written into a bundle.
// With the secret an auditor can later show that a token stands for a value they are given; without
// it nobody can. Reusing one secret file (--mask-secret-file) makes tokens linkable across bundles.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { words } from '../../shared/errorWords/index.ts';
import { LedgerError } from '../errors.ts';
import { homeFolder } from '../evidence/home.ts';
import { SECRET_BYTES } from './token.ts';

export interface MaskingSecret {
  secret: Buffer;
  /** The file's name without `.key`: recorded in the manifest so the auditor finds the right key. */
  secretId: string;
  /** Where the secret is kept. */
  file: string;
  /** Whether this run made it (false: an existing file was reused). */
  created: boolean;
}

export const SECRETS_FOLDER = 'masking-secrets';

/** A bundle id that sorts by time and never repeats: 20261202T054937Z-3f9a12c0. */
export function newBundleId(now = new Date()): string {
  return `${now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-${randomBytes(4).toString('hex')}`;
}

/** Makes and keeps a fresh secret for one bundle (exclusive create, mode 0600). */
export function createBundleSecret(home: string, bundleId = newBundleId()): MaskingSecret {
  if (!/^[A-Za-z0-9._-]{1,128}$/.test(bundleId)) throw new LedgerError('INVALID_INPUT', words('errorWords.mask.badBundleId', { id: bundleId }));
  const folder = homeFolder(home, SECRETS_FOLDER);
  const file = path.join(folder, `${bundleId}.key`);
  const secret = randomBytes(SECRET_BYTES);
  try {
    const fd = fs.openSync(file, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_NOFOLLOW, 0o600);
    try {
      fs.writeSync(fd, secret.toString('hex') + '\n');
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch (error) {
    throw new LedgerError('IO_ERROR', words('errorWords.mask.cannotKeepSecret', { path: file, error: (error as Error).message }), { path: file });
  }
  return { secret, secretId: bundleId, file, created: true };
}

/** Reads a kept secret: 64 or more hex digits (what createBundleSecret writes). */
export function readSecretFile(file: string): MaskingSecret {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const said = code === 'ENOENT' ? words('errorWords.mask.secretMissing', { path: file }) : words('errorWords.mask.secretUnreadable', { path: file, error: (error as Error).message });
    throw new LedgerError('INVALID_INPUT', said, { path: file });
  }
  const hex = text.trim();
  if (!/^(?:[0-9a-fA-F]{2}){32,}$/.test(hex)) {
    throw new LedgerError('INVALID_INPUT', words('errorWords.mask.notASecret', { path: file, digits: SECRET_BYTES * 2 }), { path: file });
  }
  return { secret: Buffer.from(hex, 'hex'), secretId: path.basename(file).replace(/\.key$/, ''), file: path.resolve(file), created: false };
}
