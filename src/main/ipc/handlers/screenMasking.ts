// The masking switch on the handlers' side: wraps every channel whose answer carries event data
// (events, states, diffs, blame, field history, search hits and facets, actors, related events,
// what-if and drift) so its output goes through the screen's masker while the switch is on.
// events/getUnmasked is the one explicit way around it, and it is recorded in the activity log.
import type { Handlers } from '../../../shared/contract.ts';
import type { Masker } from '../../masking/masker.ts';
import {
  maskActorSummary,
  maskBlameResult,
  maskDiffResult,
  maskEventPage,
  maskFieldHistory,
  maskRelated,
  maskSearchResult,
  maskStateResult,
  maskWhatIfResult,
  maskDriftResult,
} from '../../masking/resultMasking.ts';
import type { ScreenMasking } from '../../masking/screenMasking.ts';

type Maskers = { [C in keyof Handlers]?: (m: Masker, output: Awaited<ReturnType<Handlers[C]>>) => Awaited<ReturnType<Handlers[C]>> };

/** How each channel's answer is masked. A channel that shows event data and is missing here would show it unmasked. */
export const SCREEN_MASKERS: Maskers = {
  'events/list': maskEventPage,
  'stream/events': maskEventPage,
  'events/get': (m, event) => m.maskEvent(event),
  'events/related': maskRelated,
  'events/actors': maskActorSummary,
  'stream/stateAt': maskStateResult,
  'stream/blame': maskBlameResult,
  'stream/diff': maskDiffResult,
  'stream/fieldHistory': maskFieldHistory,
  'search/run': maskSearchResult,
  'replay/whatIf': maskWhatIfResult,
  'replay/drift': maskDriftResult,
};

export function withScreenMasking(handlers: Handlers, masking: ScreenMasking): Handlers {
  const wrapped: Record<string, unknown> = { ...handlers };
  for (const [channel, mask] of Object.entries(SCREEN_MASKERS) as [keyof Handlers, (m: Masker, output: unknown) => unknown][]) {
    const handler = handlers[channel] as (input: unknown) => unknown;
    if (!handler) continue;
    wrapped[channel] = async (input: unknown) => {
      const output = await handler(input);
      // The switch as it is when the answer is ready: turned on meanwhile, the answer is masked.
      const masker = masking.masker();
      return masker ? mask(masker, output) : output;
    };
  }
  return wrapped as Handlers;
}
