// events/*: the global log, one event, its correlation / causation links, and the timeline plot.
import type { Handlers, RelatedEvents } from '../../../shared/contract.ts';
import type { StoredEvent } from '../../../shared/types.ts';
import { interactiveReadsOf } from '../../session/interactiveReads.ts';
import type { Session } from '../../session/session.ts';
import type { HistogramCaches } from '../../session/histogramCaches.ts';

type EventChannels = 'events/list' | 'events/get' | 'events/related' | 'events/actors' | 'events/histogram' | 'events/estimate' | 'reads/cancel';

const textField = (metadata: Record<string, unknown>, ...keys: string[]): string | null => {
  for (const key of keys) {
    const value = metadata[key];
    if (typeof value === 'string' && value) return value;
  }
  return null;
};

export function createEventHandlers(deps: { session: Session; histograms?: HistogramCaches }): Pick<Handlers, EventChannels> {
  const { session, histograms } = deps;
  // The screens' reads run under the open store's cancellable signal (reads/cancel stops them).
  const reads = interactiveReadsOf(session);
  return {
    'events/list': (query) =>
      reads.run((options) => {
        const { store } = session.require();
        return histograms ? histograms.readAll(store, query, options) : store.readAll(query, options);
      }, 'Reading the log'),
    'events/get': ({ ref }) => session.require().store.getEvent(ref),
    'events/related': async ({ position, limit = 200 }): Promise<RelatedEvents> => {
      const { store } = session.require();
      const event = await store.getEvent(position);
      const correlationId = textField(event.metadata, 'correlationId', '$correlationId', 'correlation_id');
      const causationId = textField(event.metadata, 'causationId', '$causationId', 'causation_id');
      let cause: StoredEvent | null = null;
      if (causationId) {
        try {
          cause = await store.getEvent(causationId);
        } catch {
          cause = null; // the cause may be a command or an event outside this store
        }
      }
      const effects = (await store.readAll({ causationId: event.eventId, limit })).items;
      const same = correlationId ? (await store.readAll({ correlationId, limit: limit + 1 })).items : [];
      const sameCorrelation = same.filter((e) => e.position !== event.position).slice(0, limit);
      return { event, correlationId, causationId, cause, effects, sameCorrelation, truncated: same.length > limit };
    },
    'events/actors': (query) => reads.run((options) => session.require().store.actors(query, options), 'Listing the actors'),
    'events/histogram': ({ buckets = 120, ...query }) =>
      reads.run((options) => {
        const { store } = session.require();
        return histograms ? histograms.histogram(store, query, buckets, options) : store.histogram(query, buckets, options);
      }, 'Plotting the events'),
    'events/estimate': async (query) => {
      const { store } = session.require();
      return store.estimate ? reads.run(() => (store.estimate as NonNullable<typeof store.estimate>)(query), 'The estimate') : null;
    },
    'reads/cancel': () => reads.cancel(),
  };
}
