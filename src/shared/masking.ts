// The app's masking switch as the renderer sees it (masking/get, masking/set).
import type { MaskRule } from './evidence.ts';

export const MASK_PATTERN_NAMES = ['email', 'card', 'iban', 'phone'] as const;

export interface MaskingStatus {
  enabled: boolean;
  rules: MaskRule[];
  /** Whether the rules are the default policy (the four patterns and common personal-data paths). */
  isDefault: boolean;
  /** How tokens are made, in words. */
  scheme: string;
}
