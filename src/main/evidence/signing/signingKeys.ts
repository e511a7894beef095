// The viewer's local signing identity (issue 14): one Ed25519 key pair, made on first use and kept
// in <ledger home>/signing/. identity.json holds the public half and what people read (name,
// fingerprint, created); the private half is an owner-only (0600) PKCS#8 PEM file, or, when the app
// supplies a KeyProtector (Electron safeStorage), only its ciphertext. Nothing here is ever written
// beside an audited store.
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SignerInfo } from '../../../shared/evidence.ts';
import { LedgerError } from '../../errors.ts';
import { homeFolder, ledgerHome } from '../home.ts';
import { fingerprintOf } from './fingerprint.ts';
import type { KeyProtectorSource } from './keyProtector.ts';
import type { ActivityRecorder } from '../services.ts';
import { writeFileAtomic } from './privateFile.ts';
import { words, type ErrorWords } from '../../../shared/errorWords/index.ts';

const IDENTITY_FILE = 'identity.json';
const PLAIN_KEY_FILE = 'private-key.pem';
const PROTECTED_KEY_FILE = 'private-key.safestorage';
const MAX_NAME = 200;

/** What signs a bundle: the identity people read, and the raw Ed25519 signature of some bytes. */
export interface Signer {
  info: SignerInfo;
  /** The raw 64-byte Ed25519 signature of exactly these bytes. */
  sign(bytes: Buffer): Buffer;
}

export interface SigningKeys {
  /** The folder the identity lives in (<ledger home>/signing). */
  folder(): string;
  /** The identity, or null when none was made yet. */
  show(): SignerInfo | null;
  /** Makes the identity when there is none; an existing one is kept (created: false). */
  init(options?: { name?: string }): { info: SignerInfo; created: boolean };
  /** The signer, making the identity on first use. */
  signer(options?: { name?: string }): { signer: Signer; created: boolean };
}

interface IdentityRecord {
  version: 1;
  name: string;
  createdAt: string;
  fingerprint: string;
  publicKeyPem: string;
  protection: SignerInfo['protection'];
}

export function defaultSignerName(): string {
  let user = 'unknown';
  try {
    user = os.userInfo().username || user;
  } catch {
    // no passwd entry (containers): keep 'unknown'
  }
  return `${user}@${os.hostname()}`;
}

function cleanName(name: string | undefined): string {
  const text = (name ?? '').replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
  if (text.length > MAX_NAME) throw new LedgerError('INVALID_INPUT', words('errorWords.key.nameTooLong', { max: MAX_NAME }));
  return text || defaultSignerName();
}

function readIdentity(file: string): IdentityRecord | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new LedgerError('IO_ERROR', words('errorWords.key.cannotReadIdentity', { path: file, error: (error as Error).message }), { path: file });
  }
  const damaged = (why: ErrorWords) => new LedgerError('CORRUPT', words('errorWords.key.identityDamaged', { path: file, why }), { path: file });
  let record: Partial<IdentityRecord>;
  try {
    record = JSON.parse(text) as Partial<IdentityRecord>;
  } catch {
    throw damaged(words('errorWords.key.why.notJson', {}));
  }
  if (typeof record !== 'object' || record === null || typeof record.publicKeyPem !== 'string' || typeof record.fingerprint !== 'string' || typeof record.name !== 'string' || typeof record.createdAt !== 'string') {
    throw damaged(words('errorWords.key.why.fieldsMissing', {}));
  }
  if (record.protection !== 'file' && record.protection !== 'safeStorage') throw damaged(words('errorWords.key.why.unknownProtection', { protection: String(JSON.stringify(record.protection)) }));
  let actual: string;
  try {
    actual = fingerprintOf(record.publicKeyPem);
  } catch {
    throw damaged(words('errorWords.key.why.publicKeyUnreadable', {}));
  }
  if (actual !== record.fingerprint) throw damaged(words('errorWords.key.why.fingerprintMismatch', {}));
  return record as IdentityRecord;
}

const infoOf = (record: IdentityRecord): SignerInfo => ({
  name: record.name,
  fingerprint: record.fingerprint,
  createdAt: record.createdAt,
  publicKeyPem: record.publicKeyPem,
  protection: record.protection,
});

export function createSigningKeys(options: { home?: string | (() => string); protector?: KeyProtectorSource; activity?: ActivityRecorder } = {}): SigningKeys {
  // Resolved at each call: LEDGER_HOME set by a script or test after start-up is still respected.
  const home = () => (typeof options.home === 'function' ? options.home() : (options.home ?? ledgerHome()));
  const folder = () => homeFolder(home(), 'signing');
  const protector = () => options.protector?.() ?? null;

  function create(name: string | undefined): IdentityRecord {
    const dir = folder();
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const pkcs8 = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    const box = protector();
    const record: IdentityRecord = {
      version: 1,
      name: cleanName(name),
      createdAt: new Date().toISOString(),
      fingerprint: fingerprintOf(publicKey),
      publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }) as string,
      protection: box ? 'safeStorage' : 'file',
    };
    // The private half first: an identity.json without its key would be a signer that cannot sign.
    if (box) writeFileAtomic(path.join(dir, PROTECTED_KEY_FILE), box.encrypt(Buffer.from(pkcs8, 'utf8')));
    else writeFileAtomic(path.join(dir, PLAIN_KEY_FILE), pkcs8);
    writeFileAtomic(path.join(dir, IDENTITY_FILE), JSON.stringify(record, null, 2) + '\n');
    // The viewer's own log says when a signing identity came to be (never the key itself).
    options.activity?.record({ action: 'keys.created', details: { name: record.name, fingerprint: record.fingerprint, protection: record.protection } });
    return record;
  }

  function privateKeyOf(record: IdentityRecord): KeyObject {
    const dir = folder();
    let pem: string;
    try {
      if (record.protection === 'safeStorage') {
        const box = protector();
        if (!box) {
          throw new LedgerError('UNSUPPORTED', words('errorWords.key.keychainUnavailable', { name: record.name }));
        }
        pem = box.decrypt(fs.readFileSync(path.join(dir, PROTECTED_KEY_FILE))).toString('utf8');
      } else {
        const file = path.join(dir, PLAIN_KEY_FILE);
        const mode = fs.statSync(file).mode & 0o777;
        if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
          throw new LedgerError('FORBIDDEN', words('errorWords.key.readableByOthers', { path: file, mode: mode.toString(8) }), { path: file });
        }
        pem = fs.readFileSync(file, 'utf8');
      }
    } catch (error) {
      if (error instanceof LedgerError) throw error;
      throw new LedgerError('IO_ERROR', words('errorWords.key.cannotReadPrivate', { path: dir, error: (error as Error).message }), { path: dir });
    }
    let key: KeyObject;
    try {
      key = createPrivateKey(pem);
    } catch {
      throw new LedgerError('CORRUPT', words('errorWords.key.privateDamaged', { path: dir }), { path: dir });
    }
    // The private half must belong to the public half people were shown.
    if (key.asymmetricKeyType !== 'ed25519' || fingerprintOf(createPublicKey(key)) !== record.fingerprint) {
      throw new LedgerError('CORRUPT', words('errorWords.key.privateMismatch', { path: dir, fingerprint: record.fingerprint }), { path: dir });
    }
    return key;
  }

  const identityFile = () => path.join(folder(), IDENTITY_FILE);
  const init = (opts: { name?: string } = {}) => {
    const existing = readIdentity(identityFile());
    return existing ? { info: infoOf(existing), created: false } : { info: infoOf(create(opts.name)), created: true };
  };

  return {
    folder,
    show: () => {
      const record = readIdentity(identityFile());
      return record ? infoOf(record) : null;
    },
    init,
    signer: (opts = {}) => {
      const { created } = init(opts);
      const record = readIdentity(identityFile())!;
      const key = privateKeyOf(record);
      return { signer: { info: infoOf(record), sign: (bytes) => sign(null, bytes, key) }, created };
    },
  };
}
