// Masking for one bundle: the rules checked, the secret made (or reused), the masker built. Every
// export path (CLI, app jobs, the report) goes through here, so each bundle gets its own secret.
import type { MaskRule } from '../../shared/evidence.ts';
import { words } from '../../shared/errorWords/index.ts';
import { LedgerError } from '../errors.ts';
import { ledgerHome } from '../evidence/home.ts';
import { createMasker, type Masker } from './masker.ts';
import { uniqueRules } from './policy.ts';
import { createBundleSecret, readSecretFile, type MaskingSecret } from './secrets.ts';

export interface MaskingRequest {
  rules: MaskRule[];
  /** Reuse this kept secret (linkable with the bundles made with it) instead of making a new one. */
  secretFile?: string;
}

export interface BundleMasking {
  masker: Masker;
  secret: MaskingSecret;
}

export function openBundleMasking(request: MaskingRequest, home: string = ledgerHome()): BundleMasking {
  const rules = uniqueRules(request.rules);
  if (rules.length === 0) throw new LedgerError('INVALID_INPUT', words('errorWords.mask.needsRule', {}));
  // Rules are parsed by createMasker before any secret is made, so a bad path leaves no stray key file.
  createMasker({ rules, secret: Buffer.alloc(32) });
  const secret = request.secretFile ? readSecretFile(request.secretFile) : createBundleSecret(home);
  return { masker: createMasker({ rules, secret: secret.secret, secretId: secret.secretId }), secret };
}

/** What to tell the auditor after a masked export: where the secret is and that it stays with them. */
export function secretNotice(secret: MaskingSecret): string {
  return secret.created
    ? `Masking secret kept at ${secret.file} (not in the bundle): keep it to link or check tokens later; reuse it with --mask-secret-file to link bundles.`
    : `Masking secret reused from ${secret.file} (not in the bundle): tokens link with the other bundles made with it.`;
}
