// The README's example, end to end: it loads, and folds a member's events as the engine would.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ReplayEvent } from '../../store/eventStore.ts';
import type { Projection } from '../../replay/projection.ts';
import { loadDeclarativeProjection } from './loadDeclarative.ts';
import { deepFreeze, event, T0 } from './testing.ts';

/** The first ```json block of the README's "Declarative projections" section. */
function readmeExample(): string {
  const readme = readFileSync(new URL('../../../../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('## Declarative projections'));
  const block = /```json\n([\s\S]*?)```/.exec(section);
  if (!block) throw new Error('the README has no example in its "Declarative projections" section');
  return block[1];
}

const MIN = 60_000;
const events: ReplayEvent[] = [
  ['MemberJoined', { name: 'Ada' }],
  ['BookBorrowed', { isbn: '978-0', dueDate: '2026-03-15' }],
  ['BookBorrowed', { isbn: '978-1', dueDate: '2026-03-20' }],
  ['FineCharged', { amount: 150 }],
  ['BookReturned', { isbn: '978-0' }],
  ['AddressChanged', { address: { city: 'Lyon', street: '1 rue A' } }],
  ['LibraryClosedForHoliday', {}],
  ['MemberRenamed', { name: 'Ada L.' }],
  ['AddressChanged', { address: { street: '2 rue B' } }],
  ['FineCharged', { amount: 50 }],
].map(([type, data], i) => deepFreeze(event(type as string, data, { version: i + 1, position: 100 + i, recordedAtMs: T0 + i * MIN })));

const finalState = {
  onLoan: [{ isbn: '978-1', due: '2026-03-20' }],
  fines: 200,
  name: 'Ada L.',
  since: '2026-03-01T10:00:00.000Z',
  address: { city: 'Lyon', street: '2 rue B' },
};

/** What the engine's applyEvent does today: unhandled types leave the state, and say so. */
function fold(projection: Projection, upTo = events.length) {
  let state = deepFreeze(projection.initialState());
  const states = [state];
  const warnings: string[] = [];
  for (const e of events.slice(0, upTo)) {
    if (projection.handles !== 'all' && !projection.handles.has(e.type)) warnings.push(e.type);
    else state = deepFreeze(projection.evolve(state, e));
    states.push(state);
  }
  return { state, states, warnings };
}

describe('the library example of the README', () => {
  const loaded = loadDeclarativeProjection('/projections/library.projection.json', readmeExample());
  const projection = loaded.projection!;

  it('loads', () => {
    expect(loaded.info.error).toBeNull();
    expect(loaded.info).toMatchObject({ name: 'library', version: 1, appliesTo: 'categories: member' });
    expect(projection.appliesTo('member-7', 'member')).toBe(true);
  });

  it('folds a member’s events event by event', () => {
    const { state, states, warnings } = fold(projection);
    expect(state).toEqual(finalState);
    expect(warnings).toEqual(['LibraryClosedForHoliday']);
    expect(states[3]).toEqual({ onLoan: [{ isbn: '978-0', due: '2026-03-15' }, { isbn: '978-1', due: '2026-03-20' }], fines: 0, name: 'Ada', since: '2026-03-01T10:00:00.000Z' });
    // Structural sharing along the fold: what an event did not touch is the very object before it.
    expect((states[4] as any).onLoan).toBe((states[3] as any).onLoan);
    expect((states[5] as any).onLoan[0]).toBe((states[3] as any).onLoan[1]);
    expect((states[9] as any).onLoan).toBe((states[5] as any).onLoan);
  });

  it('folds through evolveChunk to the same states, the unchanged ones identical', async () => {
    const { states } = fold(projection);
    const outcome = await projection.evolveChunk!(projection.initialState(), events, { streamId: 'member-7', keepStates: true });
    expect(outcome.applied).toBe(events.length);
    expect(outcome.state).toEqual(finalState);
    expect(outcome.states).toEqual(states.slice(1));
    expect(outcome.states![6]).toBe(outcome.states![5]);
    expect(outcome.warnings).toEqual([{ index: 6, message: "no handler for 'LibraryClosedForHoliday' in projection library; state unchanged" }]);
  });

  it('stops at the event a rule cannot apply, with the last good state', async () => {
    const bad = [...events.slice(0, 4), deepFreeze(event('FineCharged', { amount: 'ten' }, { version: 5, position: 104 })), ...events.slice(4)];
    const outcome = await projection.evolveChunk!(projection.initialState(), bad, { streamId: 'member-7', keepStates: true });
    expect(outcome.applied).toBe(4);
    expect(outcome.states).toHaveLength(4);
    expect(outcome.state).toEqual(fold(projection, 4).state);
    expect(outcome.failure).toEqual({ kind: 'threw', file: 'library.projection.json', message: 'on.FineCharged[0] (increment fines): "by" must be a number, but is a text ("ten")' });
  });

  it('a chunk resumes from the state it is given and stops when the replay is cancelled', async () => {
    const first = await projection.evolveChunk!(projection.initialState(), events.slice(0, 5), { streamId: 'member-7', keepStates: false });
    expect(first.states).toBeUndefined();
    const second = await projection.evolveChunk!(first.state, events.slice(5), { streamId: 'member-7', keepStates: false });
    expect(second.state).toEqual(finalState);
    const controller = new AbortController();
    controller.abort();
    await expect(projection.evolveChunk!(first.state, events, { streamId: 'member-7', keepStates: false, signal: controller.signal })).rejects.toThrow('The replay was cancelled.');
  });

  it('evolve never changes the states it was given (all frozen) and initial states are independent', () => {
    expect(() => fold(projection)).not.toThrow();
    const a = projection.initialState() as { onLoan: unknown[] };
    a.onLoan.push('x');
    expect(projection.initialState()).toEqual({ onLoan: [], fines: 0 });
  });
});
