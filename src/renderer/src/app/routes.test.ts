// Deep links must survive any stream id: parse(format(route)) === route.
import { describe, expect, it } from 'vitest';
import { hrefs, parseRoute, routeHref, type Route } from './routes.ts';

const IDS = ['cart-1', 'weird/stream@2..5?#%25 x', 'ünïcødé-流-🚀', 'rtl-\u202Eevil\u202C', 'a@b@c', '..', '<img src=x>', "'; DROP TABLE events; --", ' leading and trailing '];

describe('hash routes', () => {
  it('round-trips stream, state and diff links for hostile ids', () => {
    for (const streamId of IDS) {
      const routes: Route[] = [
        { name: 'stream', streamId, version: 42 },
        { name: 'stream', streamId, version: null },
        { name: 'state', streamId, version: 0, projection: null },
        { name: 'state', streamId, version: 7, projection: 'generic' },
        { name: 'diff', streamId, from: 3, to: 9, projection: null },
        { name: 'diff', streamId, from: null, to: null, projection: 'shopping-cart' },
        { name: 'whatif', streamId, version: 4, projection: null },
        { name: 'whatif', streamId, version: null, projection: 'library' },
        { name: 'drift', streamId, version: 12, projection: 'shopping-cart' },
      ];
      for (const route of routes) expect(parseRoute(routeHref(route))).toEqual(route);
    }
  });

  it('reads the documented forms', () => {
    expect(parseRoute('#/stream/cart-000001@5')).toEqual({ name: 'stream', streamId: 'cart-000001', version: 5 });
    expect(parseRoute('#/diff/cart-000001/3..8')).toEqual({ name: 'diff', streamId: 'cart-000001', from: 3, to: 8, projection: null });
    expect(parseRoute('')).toEqual({ name: 'start' });
    expect(parseRoute('#/')).toEqual({ name: 'start' });
    expect(parseRoute('#/event/120')).toEqual({ name: 'event', position: 120 });
    expect(parseRoute('#/verify')).toEqual({ name: 'verify' });
    expect(parseRoute('#/import')).toEqual({ name: 'import' });
    expect(parseRoute('#/projections')).toEqual({ name: 'projections' });
    expect(parseRoute('#/projections/x').name).toBe('unknown');
    expect(parseRoute('#/keys')).toEqual({ name: 'keys' });
    expect(parseRoute(routeHref({ name: 'keys' }))).toEqual({ name: 'keys' });
    expect(parseRoute('#/keys/x').name).toBe('unknown');
    expect(parseRoute('#/whatif/cart-000001@5')).toEqual({ name: 'whatif', streamId: 'cart-000001', version: 5, projection: null });
    for (const route of [{ name: 'event', position: 7 }, { name: 'verify' }, { name: 'import' }, { name: 'projections' }] as Route[]) expect(parseRoute(routeHref(route))).toEqual(route);
  });

  it('keeps streams and timeline queries', () => {
    const streams = hrefs.streams({ q: 'a&b=c', mode: 'prefix', category: 'cart', sort: 'count' });
    expect(parseRoute(streams)).toEqual({ name: 'streams', query: { q: 'a&b=c', mode: 'prefix', category: 'cart', sort: 'count' } });
    const timeline = hrefs.timeline({ types: ['A', 'B&C'], from: '2026-01-01', actor: 'user:ada', prefix: 'cart-', correlation: 'x' });
    expect(parseRoute(timeline)).toEqual({
      name: 'timeline',
      filters: { types: ['A', 'B&C'], from: '2026-01-01', to: '', actor: 'user:ada', prefix: 'cart-', correlation: 'x', causation: '' },
    });
  });

  it('treats malformed links as unknown instead of throwing', () => {
    expect(parseRoute('#/stream/%E0%A4%A').name).toBe('unknown');
    expect(parseRoute('#/nowhere').name).toBe('unknown');
    expect(parseRoute('#/event/0').name).toBe('unknown');
    expect(parseRoute('#/event/x').name).toBe('unknown');
    expect(parseRoute('#/stream/x@notanumber')).toEqual({ name: 'stream', streamId: 'x', version: null });
  });
});
