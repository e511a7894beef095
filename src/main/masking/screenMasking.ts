// The app's masking switch: a session setting kept by main. While it is on, every handler that
// returns events, states, diffs, blame, search hits or actors passes its answer through one masker
// (screenHandlers.ts), so what is on screen is masked before it leaves main. The screen's secret is
// made per app run and kept in memory only (tokens stay stable while the app runs). Exports started
// from the app while the switch is on are masked too, each with its own kept per-bundle secret.
import { randomBytes } from 'node:crypto';
import type { MaskRule } from '../../shared/evidence.ts';
import type { MaskingStatus } from '../../shared/masking.ts';
import { ledgerHome } from '../evidence/home.ts';
import { openBundleMasking, type BundleMasking } from './bundleMasking.ts';
import { createMasker, type Masker } from './masker.ts';
import { DEFAULT_POLICY, uniqueRules } from './policy.ts';
import { SECRET_BYTES, TOKEN_SCHEME } from './token.ts';

export type { MaskingStatus };

export interface ScreenMasking {
  status(): MaskingStatus;
  /** Turns the switch on or off; `rules` replaces the policy (absent: keep it). A bad rule throws before anything changes. */
  set(enabled: boolean, rules?: MaskRule[]): MaskingStatus;
  /** The masker for what is on screen, or null while the switch is off. */
  masker(): Masker | null;
  /** For an export started from the app: a masker with a fresh kept secret while the switch is on, else null. */
  forBundle(): BundleMasking | null;
}

const sameRules = (a: MaskRule[], b: MaskRule[]) => JSON.stringify(a) === JSON.stringify(b);

export function createScreenMasking(options: { home?: () => string; rules?: MaskRule[]; enabled?: boolean } = {}): ScreenMasking {
  const secret = randomBytes(SECRET_BYTES);
  const home = options.home ?? (() => ledgerHome());
  let rules = uniqueRules(options.rules ?? DEFAULT_POLICY);
  let enabled = options.enabled ?? false;
  let masker = createMasker({ rules, secret });
  const status = (): MaskingStatus => ({ enabled, rules: rules.map((r) => ({ ...r })), isDefault: sameRules(rules, DEFAULT_POLICY), scheme: TOKEN_SCHEME });
  return {
    status,
    set(on, next) {
      if (next) {
        const unique = uniqueRules(next);
        const built = createMasker({ rules: unique, secret }); // throws on a bad path: nothing changes
        rules = unique;
        masker = built;
      }
      enabled = on;
      return status();
    },
    masker: () => (enabled && masker.active ? masker : null),
    forBundle: () => (enabled && rules.length > 0 ? openBundleMasking({ rules }, home()) : null),
  };
}
