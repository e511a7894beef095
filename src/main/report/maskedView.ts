// Everything of the store that the report shows passes through here, so that with a masker (one per
// bundle) no original value of a masked field reaches the file: events, states, diff sides, the
// values named inside diff paths (an array element matched by a key, $.items[sku="A-1"]) and actors.
import type { EventMasker } from '../evidence/services.ts';
import type { DiffChange, DiffResult, EventRef, PathHistoryEntry, PathSegment, StateAtResult } from '../../shared/replay.ts';
import type { StoredEvent } from '../../shared/types.ts';
import { pathText } from '../replay/jsonPath.ts';

export interface MaskedView {
  masked: boolean;
  event(event: StoredEvent): StoredEvent;
  state(state: StateAtResult): StateAtResult;
  diff(diff: DiffResult): DiffResult;
  actor(actor: string | null): string | null;
}

const IDENTITY: MaskedView = {
  masked: false,
  event: (e) => e,
  state: (s) => s,
  diff: (d) => d,
  actor: (a) => a,
};

export function maskedView(masker: EventMasker | null | undefined): MaskedView {
  if (!masker) return IDENTITY;
  const value = (v: unknown) => (v === undefined ? undefined : masker.maskValue(v, 'data'));
  const actor = (a: string | null) => {
    if (a === null) return null;
    // The actor comes from the event's metadata: masked as metadata.actor would be.
    const masked = (masker.maskValue({ actor: a }, 'metadata') as { actor?: unknown } | null)?.actor;
    return typeof masked === 'string' ? masked : String(masked ?? '');
  };
  const ref = (r: EventRef | null): EventRef | null => (r ? { ...r, actor: actor(r.actor) } : null);
  const segments = (path: PathSegment[]): PathSegment[] => maskKeySegments(path, masker);
  const side = <T extends { before?: unknown; after?: unknown }>(entry: T): T => {
    const copy = { ...entry };
    if ('before' in entry) copy.before = value(entry.before);
    if ('after' in entry) copy.after = value(entry.after);
    return copy;
  };
  const history = (h: PathHistoryEntry[]) => h.map((entry) => ({ ...side(entry), event: ref(entry.event) as EventRef }));
  return {
    masked: true,
    event: (e) => masker.maskEvent(e),
    state: (s) => ({ ...s, state: value(s.state) }),
    actor,
    diff: (d) => ({
      ...d,
      changes: d.changes.map((c): DiffChange => {
        const segs = segments(c.segments);
        return { ...side(c), segments: segs, path: pathText(segs), event: ref(c.event), history: history(c.history) };
      }),
      reverted: d.reverted.map((r) => {
        const segs = segments(r.segments);
        return { ...r, segments: segs, path: pathText(segs), ...(r.present ? { value: value(r.value) } : {}), history: history(r.history) };
      }),
    }),
  };
}

/**
 * Key values inside a path ({key:'sku', value:'A-1'}) are data too. Each is masked as the field it
 * came from: a state-shaped object holding only that key at that place is masked with root 'data',
 * so path rules (data.items[].sku) and pattern rules both apply as they do to the state itself.
 */
export function maskKeySegments(path: PathSegment[], masker: EventMasker): PathSegment[] {
  return path.map((segment, index) => {
    if (typeof segment !== 'object') return segment;
    // The array holding the element, then each parent outwards: a name is an object's property,
    // an index or an earlier keyed element is a place in an array.
    let built: unknown = [{ [segment.key]: segment.value }];
    for (let i = index - 1; i >= 0; i--) {
      const parent = path[i];
      built = typeof parent === 'string' ? { [parent]: built } : [built];
    }
    let at: unknown = masker.maskValue(built, 'data');
    for (let i = 0; i < index; i++) {
      const parent = path[i];
      at = typeof parent === 'string' ? (at as Record<string, unknown> | null)?.[parent] : (at as unknown[] | null)?.[0];
    }
    const got = ((at as unknown[] | null)?.[0] as Record<string, unknown> | undefined)?.[segment.key];
    return { key: segment.key, value: typeof got === 'number' || typeof got === 'string' ? got : String(got ?? '') };
  });
}
