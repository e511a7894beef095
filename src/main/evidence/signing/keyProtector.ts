// How a private signing key is kept at rest. In Node (CLI, browser mode) it is an owner-only PKCS#8
// file; in Electron, index.ts supplies a KeyProtector backed by safeStorage (the OS keychain), so the
// file on disk holds only ciphertext. This file never imports Electron.

export interface KeyProtector {
  encrypt(plain: Buffer): Buffer;
  decrypt(cipher: Buffer): Buffer;
  kind: 'safeStorage';
}

/** Asked when a key is created or loaded: the protector available now (safeStorage is ready only after app start), or null. */
export type KeyProtectorSource = () => KeyProtector | null;
