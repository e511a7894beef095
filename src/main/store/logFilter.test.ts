// The global log's time and actor filters against brute force over the same events.
import { beforeAll, describe, expect, it } from 'vitest';
import { tempStore } from '../testing/tempFiles.ts';
import type { EventStore } from './eventStore.ts';

const HOUR = 3_600_000;
const ACTORS = ['support:ken', 'support:amy', 'Support:Ken', 'user:ada', 'user:a?b[1]', 'ops'];

describe('global log filters', () => {
  let store: EventStore;
  beforeAll(() => {
    store = tempStore();
    // Every ~7 hours from mid-February to mid-April, plus the edges of March to the millisecond.
    const times: number[] = [];
    for (let t = Date.parse('2026-02-20T00:00:00Z'); t < Date.parse('2026-04-10T00:00:00Z'); t += 7 * HOUR + 1234) times.push(t);
    times.push(Date.parse('2026-03-01T00:00:00.000Z'), Date.parse('2026-02-28T23:59:59.999Z'), Date.parse('2026-03-31T23:59:59.999Z'), Date.parse('2026-04-01T00:00:00.000Z'));
    times.forEach((recordedAt, i) => {
      store.append(`s-${i % 17}`, [{ type: 'Tick', data: { i }, metadata: i % 11 === 0 ? {} : { actor: ACTORS[i % ACTORS.length] }, recordedAt }]);
    });
  });

  const all = () => [...store.iterateAll({})];
  const count = (query: Parameters<EventStore['countEvents']>[0] extends infer S ? Omit<Extract<S, { kind: 'all' }>, 'kind'> : never) =>
    store.countEvents({ kind: 'all', ...query });

  it('to=2026-03-31 (a date) includes the whole of March 31: the count equals a brute-force count of March', () => {
    const march = all().filter((e) => e.recordedAt.startsWith('2026-03')).length;
    expect(march).toBeGreaterThan(100);
    expect(count({ fromTime: '2026-03-01', toTime: '2026-03-31' })).toBe(march);
    expect([...store.iterateAll({ fromTime: '2026-03-01', toTime: '2026-03-31' })]).toHaveLength(march);
    expect(store.histogram({ fromTime: '2026-03-01', toTime: '2026-03-31' }, 50).total).toBe(march);
    expect([...store.iterateRaw({ kind: 'all', fromTime: '2026-03-01', toTime: '2026-03-31' })].every((e) => e.recordedAt.startsWith('2026-03'))).toBe(true);
  });

  it('a date-time end stays inclusive of that instant', () => {
    const upTo = all().filter((e) => e.recordedAt <= '2026-03-31T23:59:59.999Z' && e.recordedAt >= '2026-03-01').length;
    expect(count({ fromTime: '2026-03-01T00:00:00Z', toTime: '2026-03-31T23:59:59.999Z' })).toBe(upTo);
    expect(count({ fromTime: '2026-04-01T00:00:00Z', toTime: '2026-04-01T00:00:00Z' })).toBe(1);
  });

  it('refuses an impossible date instead of rolling it over to March', () => {
    expect(() => store.readAll({ toTime: '2026-02-30' })).toThrow('To: 2026-02-30 is not a date: February 2026 has 28 days.');
    expect(() => store.readAll({ fromTime: '2026-03-05', toTime: '2026-03-01' })).toThrow(/ends before it starts/);
  });

  const matching = (actor: string) => store.readAll({ actor, limit: 10_000 }).items.map((e) => e.metadata.actor);

  it('actor: trimmed, exact and case-sensitive', () => {
    const brute = all().filter((e) => e.metadata.actor === 'support:ken').length;
    expect(matching(' support:ken ')).toHaveLength(brute);
    expect(new Set(matching('support:ken'))).toEqual(new Set(['support:ken']));
    expect(matching('support')).toEqual([]);
    expect(new Set(matching('Support:Ken'))).toEqual(new Set(['Support:Ken']));
  });

  it('actor: a trailing * is a prefix, an embedded * a pattern; ? and [ stay literal', () => {
    expect(new Set(matching('support:*'))).toEqual(new Set(['support:ken', 'support:amy']));
    expect(matching('support:*')).toHaveLength(all().filter((e) => String(e.metadata.actor).startsWith('support:')).length);
    expect(new Set(matching('*:ken'))).toEqual(new Set(['support:ken']));
    expect(new Set(matching('user:a?b[1]'))).toEqual(new Set(['user:a?b[1]']));
    expect(new Set(matching('user:*[1]'))).toEqual(new Set(['user:a?b[1]']));
    expect(matching('user:a?b*')).toHaveLength(all().filter((e) => e.metadata.actor === 'user:a?b[1]').length);
    expect(matching('user:a*d?')).toEqual([]);
    expect(matching('*')).toHaveLength(all().filter((e) => typeof e.metadata.actor === 'string').length);
  });

  it('actor summary: counts per actor, how a filter matched, and suggestions ignoring case', () => {
    const brute = new Map<string, number>();
    for (const e of all()) if (typeof e.metadata.actor === 'string') brute.set(e.metadata.actor, (brute.get(e.metadata.actor) ?? 0) + 1);
    const summary = store.actors();
    expect(summary.more).toBe(false);
    expect(new Map(summary.actors.map((a) => [a.actor, a.count]))).toEqual(brute);
    expect(summary.actors.map((a) => a.count)).toEqual([...summary.actors.map((a) => a.count)].sort((a, b) => b - a));
    expect(store.actors({ limit: 2 })).toMatchObject({ more: true, actors: summary.actors.slice(0, 2) });

    const prefix = store.actors({ actor: 'support:*' }).match!;
    expect(prefix).toMatchObject({ kind: 'prefix', actors: 2, events: brute.get('support:ken')! + brute.get('support:amy')!, suggestions: [] });

    const wrongCase = store.actors({ actor: 'SUPPORT:KEN ' }).match!;
    expect(wrongCase).toMatchObject({ text: 'SUPPORT:KEN', kind: 'exact', actors: 0, events: 0 });
    expect(new Set(wrongCase.suggestions.map((s) => s.actor))).toEqual(new Set(['support:ken', 'Support:Ken']));
    expect(store.actors({ actor: 'support' }).match!.suggestions.map((s) => s.actor).sort()).toEqual(['Support:Ken', 'support:amy', 'support:ken']);
    expect(store.actors({ actor: 'nobody' }).match!.suggestions).toEqual([]);
  });
});
