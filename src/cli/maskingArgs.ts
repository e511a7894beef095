// --mask, --mask-policy and --mask-secret-file, shared by every command that writes a bundle
// (export, report). maskingOptionsFromArgs turns the parsed values into a MaskingRequest, or null
// when no masking was asked for; openBundleMasking (main/masking) then makes the bundle's masker.
import type { MaskingRequest } from '../main/masking/bundleMasking.ts';
import { readPolicyFile, rulesFromMaskArg } from '../main/masking/policy.ts';
import { UsageError } from './io.ts';
import { LedgerError } from '../main/errors.ts';
import type { Options } from './args.ts';
import { t } from './i18n/index.ts';

export const MASKING_OPTIONS = {
  mask: { type: 'string', multiple: true },
  'mask-policy': { type: 'string' },
  'mask-secret-file': { type: 'string' },
} as const satisfies Options;

export const MASKING_HELP = (): string => t('help.masking');

export interface MaskingArgValues {
  mask?: string[];
  'mask-policy'?: string;
  'mask-secret-file'?: string;
}

/** The masking the arguments ask for; null without --mask / --mask-policy. Bad rules are usage errors. */
export function maskingOptionsFromArgs(values: MaskingArgValues): MaskingRequest | null {
  const masks = values.mask ?? [];
  const policy = values['mask-policy'];
  const secretFile = values['mask-secret-file'];
  if (masks.length === 0 && policy === undefined) {
    if (secretFile !== undefined) throw new UsageError(t('mask.secretNeedsMask'));
    return null;
  }
  try {
    const rules = [...(policy !== undefined ? readPolicyFile(policy) : []), ...masks.flatMap((m) => rulesFromMaskArg(m))];
    return { rules, ...(secretFile !== undefined ? { secretFile } : {}) };
  } catch (error) {
    if (error instanceof LedgerError && error.code === 'INVALID_INPUT') throw new UsageError(error.message);
    throw error;
  }
}
