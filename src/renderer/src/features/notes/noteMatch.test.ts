import { describe, expect, it } from 'vitest';
import type { CaseNote } from '../../../../shared/evidence.ts';
import { hrefs, parseRoute, routeHref } from '../../app/routes.ts';
import { notesOnEvent, notesOnState } from './noteMatch.ts';

const note = (id: string, target: CaseNote['target']): CaseNote => ({ id, storeKey: 'k', target, text: id, author: 'a', createdAt: '', updatedAt: '' });

describe('notes on screen', () => {
  const notes = [
    note('e2', { kind: 'event', eventId: 'x', position: 7, streamId: 'cart-1', version: 2 }),
    note('s2', { kind: 'state', streamId: 'cart-1', version: 2 }),
    note('s2p', { kind: 'state', streamId: 'cart-1', version: 2, projection: 'generic' }),
    note('other', { kind: 'state', streamId: 'cart-2', version: 2 }),
  ];
  it('finds an event’s notes by position and a state’s by stream and version', () => {
    expect(notesOnEvent(notes, 7).map((n) => n.id)).toEqual(['e2']);
    expect(notesOnEvent(notes, 2)).toEqual([]);
    expect(notesOnState(notes, 'cart-1', 2).map((n) => n.id)).toEqual(['s2', 's2p']);
    expect(notesOnState(notes, 'cart-1', 3)).toEqual([]);
  });

  it('routes to the Notes and Activity panels and back', () => {
    for (const route of [{ name: 'notes' }, { name: 'activity', all: false }, { name: 'activity', all: true }] as const) expect(parseRoute(routeHref(route))).toEqual(route);
    expect(hrefs.activity(true)).toBe('#/activity?all=1');
    expect(parseRoute('#/notes/extra')).toEqual({ name: 'unknown', hash: '#/notes/extra' });
  });
});
