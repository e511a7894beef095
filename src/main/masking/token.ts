// The masking token: `masked:` and the first TOKEN_HEX hex digits of HMAC-SHA256(secret, canonical
// JSON of the value). Equal values give equal tokens under one secret, so a reader can still follow
// one customer through a bundle; without the secret a token cannot be turned back into a value, nor
// checked against a guess. 16 hex digits (64 bits) keep a collision within one bundle out of reach
// (about 1 in 10^8 for a million distinct values).
import { createHmac, type KeyObject } from 'node:crypto';
import { canonicalJson } from '../store/canonicalJson.ts';

export const TOKEN_PREFIX = 'masked:';
export const TOKEN_HEX = 16;
export const TOKEN_SCHEME = `HMAC-SHA256 over the canonical JSON of each value, per-bundle secret, first ${TOKEN_HEX} hex digits, written as ${TOKEN_PREFIX}<hex>`;

/** A secret is 32 random bytes; anything shorter is refused (a guessable key makes tokens reversible). */
export const SECRET_BYTES = 32;

/** `secret` as a KeyObject made once (createSecretKey): a raw Buffer is converted on every HMAC, which cost more than the hashing. */
export function maskToken(secret: Buffer | KeyObject, value: unknown): string {
  return TOKEN_PREFIX + createHmac('sha256', secret).update(canonicalJson(value, 'masked value')).digest('hex').slice(0, TOKEN_HEX);
}

/**
 * A check value for a secret (an HMAC of a fixed label): the manifest carries it so the auditor can
 * tell which kept key file belongs to a bundle, without the bundle holding anything that reveals the key.
 */
export function secretCheck(secret: Buffer): string {
  return createHmac('sha256', secret).update('replay-ledger masking key check').digest('hex').slice(0, TOKEN_HEX);
}
