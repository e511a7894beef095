// masking/get, masking/set: the header's masking switch and its policy; events/getUnmasked: one
// event as stored while masking is on, an explicit action recorded in the viewer's activity log.
import type { MaskRule } from '../../../shared/evidence.ts';
import type { Handlers } from '../../../shared/contract.ts';
import type { ActivityRecorder } from '../../evidence/services.ts';
import { storeKeyOf } from '../../evidence/storeKey.ts';
import { DEFAULT_POLICY, uniqueRules } from '../../masking/policy.ts';
import { parseMaskPath } from '../../masking/maskPath.ts';
import type { ScreenMasking } from '../../masking/screenMasking.ts';
import { words } from '../../../shared/errorWords/index.ts';
import { LedgerError } from '../../errors.ts';
import type { Session } from '../../session/session.ts';

type MaskingChannels = 'masking/get' | 'masking/set' | 'events/getUnmasked';

export interface MaskingHandlerDeps {
  session: Session;
  masking: ScreenMasking;
  /** The viewer's activity log; absent, nothing is recorded (tests, or a log not built yet). */
  activity?: ActivityRecorder;
}

type PolicyInput = { paths?: string[]; patterns?: ('email' | 'card' | 'iban' | 'phone')[]; useDefault?: boolean };

/** The policy the app sends, as rules; every path checked against the grammar, with its message. */
function rulesOf(policy: PolicyInput): MaskRule[] {
  if (policy.useDefault) return DEFAULT_POLICY;
  const rules: MaskRule[] = [];
  for (const path of policy.paths ?? []) rules.push({ kind: 'path', path: parseMaskPath(path).text });
  for (const pattern of policy.patterns ?? []) rules.push({ kind: 'pattern', pattern });
  if (rules.length === 0) throw new LedgerError('INVALID_INPUT', words('errorWords.mask.screenNeedsRule', {}));
  return uniqueRules(rules);
}

export function createMaskingHandlers(deps: MaskingHandlerDeps): Pick<Handlers, MaskingChannels> {
  const { session, masking, activity } = deps;
  return {
    'masking/get': () => masking.status(),
    'masking/set': ({ enabled, policy }) => masking.set(enabled, policy ? rulesOf(policy) : undefined),
    'events/getUnmasked': async ({ ref, reason }) => {
      const { store } = session.require();
      const event = await store.getEvent(ref);
      // Recorded only when masking is on: then showing the stored values is a decision worth a line.
      if (masking.status().enabled && activity) {
        const key = storeKeyOf(store);
        const chainHead = store.info.hasIntegrityChain ? ((await store.stats()).chainHead ?? null) : null;
        activity.record({
          action: 'unmasked.shown',
          storeKey: key.key,
          storeLabel: key.label,
          chainHead,
          details: { position: event.position, eventId: event.eventId, streamId: event.streamId, version: event.version, ...(reason ? { reason } : {}) },
        });
      }
      return event;
    },
  };
}
