// Hash routes: every screen has a link that can be pasted into a ticket. Stream ids are arbitrary
// text (slashes, '@', '..', unicode), so they are always percent-encoded inside a route; versions
// and query parameters follow them.
//   #/                          start
//   #/streams?q=&mode=&category=&sort=
//   #/stream/<id>@<version>     events of a stream, one selected
//   #/state/<id>@<version>      state at a version (time travel, blame)   [?projection=name]
//   #/diff/<id>/<a>..<b>        what changed between two versions         [?projection=name]
//   #/timeline?type=&from=&to=&actor=&prefix=&correlation=&causation=
//   #/event/<position>          the event at a global position (opens it in its stream)
//   #/verify                    integrity verification of the open store
//   #/search?q=&literal=1       search results (the header's search box; a link reproduces the search)
//   #/import                    import a file (NDJSON, JSON, CSV, another store) into a new store
//   #/projections               the open store's projections folder, its modules and load errors
//   #/whatif/<id>@<version>     what-if replay: skip events or swap the projection, diff the states
//   #/drift/<id>@<version>      drift check: the replayed state against a stored read-model row
//   #/keys                      the local signing key (signed exports)
//   #/activity[?all=1]          the viewer's own activity log (this store's entries, or all)
//   #/notes                     the open store's case notes

export type StreamSort = 'lastActivity' | 'id' | 'count';

export interface StreamsQuery {
  q: string;
  mode: 'contains' | 'prefix';
  category: string;
  sort: StreamSort;
}

export interface TimelineFilters {
  types: string[];
  from: string;
  to: string;
  actor: string;
  prefix: string;
  correlation: string;
  causation: string;
}

export type Route =
  | { name: 'start' }
  | { name: 'streams'; query: StreamsQuery }
  | { name: 'stream'; streamId: string; version: number | null }
  | { name: 'state'; streamId: string; version: number | null; projection: string | null }
  | { name: 'diff'; streamId: string; from: number | null; to: number | null; projection: string | null }
  | { name: 'timeline'; filters: TimelineFilters }
  | { name: 'event'; position: number }
  | { name: 'verify' }
  | { name: 'import' }
  | { name: 'projections' }
  | { name: 'whatif'; streamId: string; version: number | null; projection: string | null }
  | { name: 'drift'; streamId: string; version: number | null; projection: string | null }
  | { name: 'search'; q: string; literal: boolean }
  | { name: 'keys' }
  | { name: 'activity'; all: boolean }
  | { name: 'notes' }
  | { name: 'unknown'; hash: string };

export const EMPTY_STREAMS_QUERY: StreamsQuery = { q: '', mode: 'contains', category: '', sort: 'lastActivity' };
export const EMPTY_TIMELINE_FILTERS: TimelineFilters = { types: [], from: '', to: '', actor: '', prefix: '', correlation: '', causation: '' };

function decode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

function version(text: string | undefined): number | null {
  if (text === undefined || !/^\d{1,15}$/.test(text)) return null;
  return Number(text);
}

/** `<id>@<version>`: the id is encoded, so the last '@' is the separator. */
function idAtVersion(rest: string): { streamId: string; version: number | null } | null {
  const at = rest.lastIndexOf('@');
  const streamId = decode(at >= 0 ? rest.slice(0, at) : rest);
  if (!streamId) return null;
  return { streamId, version: at >= 0 ? version(rest.slice(at + 1)) : null };
}

const SORTS: StreamSort[] = ['lastActivity', 'id', 'count'];

export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const [pathPart, queryPart = ''] = splitOnce(raw, '?');
  const params = new URLSearchParams(queryPart);
  const path = pathPart.replace(/^\/+/, '');
  if (path === '') return { name: 'start' };
  const [head, restOrEmpty] = splitOnce(path, '/');
  const rest = restOrEmpty ?? '';
  switch (head) {
    case 'start':
      return { name: 'start' };
    case 'streams': {
      const sort = params.get('sort') as StreamSort | null;
      return {
        name: 'streams',
        query: {
          q: params.get('q') ?? '',
          mode: params.get('mode') === 'prefix' ? 'prefix' : 'contains',
          category: params.get('category') ?? '',
          sort: sort && SORTS.includes(sort) ? sort : 'lastActivity',
        },
      };
    }
    case 'stream': {
      const parsed = idAtVersion(rest);
      if (!parsed) break;
      return { name: 'stream', ...parsed };
    }
    case 'state': {
      const parsed = idAtVersion(rest);
      if (!parsed) break;
      return { name: 'state', ...parsed, projection: params.get('projection') || null };
    }
    case 'diff': {
      const [idPart, range = ''] = splitOnce(rest, '/');
      const streamId = decode(idPart);
      if (!streamId) break;
      const match = /^(\d{1,15})\.\.(\d{1,15})$/.exec(range);
      return { name: 'diff', streamId, from: match ? Number(match[1]) : null, to: match ? Number(match[2]) : null, projection: params.get('projection') || null };
    }
    case 'event': {
      const position = version(rest);
      if (position === null || position < 1) break;
      return { name: 'event', position };
    }
    case 'verify':
      if (rest) break;
      return { name: 'verify' };
    case 'import':
      if (rest) break;
      return { name: 'import' };
    case 'projections':
      if (rest) break;
      return { name: 'projections' };
    case 'whatif':
    case 'drift': {
      const parsed = idAtVersion(rest);
      if (!parsed) break;
      return { name: head, ...parsed, projection: params.get('projection') || null };
    }
    case 'keys':
      if (rest) break;
      return { name: 'keys' };
    case 'search':
      if (rest) break;
      return { name: 'search', q: params.get('q') ?? '', literal: params.get('literal') === '1' };
    case 'activity':
      if (rest) break;
      return { name: 'activity', all: params.get('all') === '1' };
    case 'notes':
      if (rest) break;
      return { name: 'notes' };
    case 'timeline':
      return {
        name: 'timeline',
        filters: {
          types: params.getAll('type').filter(Boolean),
          from: params.get('from') ?? '',
          to: params.get('to') ?? '',
          actor: params.get('actor') ?? '',
          prefix: params.get('prefix') ?? '',
          correlation: params.get('correlation') ?? '',
          causation: params.get('causation') ?? '',
        },
      };
  }
  return { name: 'unknown', hash };
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const index = text.indexOf(separator);
  return index < 0 ? [text, undefined] : [text.slice(0, index), text.slice(index + separator.length)];
}

function withQuery(path: string, params: URLSearchParams): string {
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}

function withProjection(path: string, projection: string | null): string {
  return projection ? `${path}?projection=${encodeURIComponent(projection)}` : path;
}

export function routeHref(route: Route): string {
  switch (route.name) {
    case 'start':
      return '#/';
    case 'streams': {
      const p = new URLSearchParams();
      if (route.query.q) p.set('q', route.query.q);
      if (route.query.mode !== 'contains') p.set('mode', route.query.mode);
      if (route.query.category) p.set('category', route.query.category);
      if (route.query.sort !== 'lastActivity') p.set('sort', route.query.sort);
      return withQuery('#/streams', p);
    }
    case 'stream':
      return `#/stream/${encodeURIComponent(route.streamId)}${route.version === null ? '' : `@${route.version}`}`;
    case 'state':
      return withProjection(`#/state/${encodeURIComponent(route.streamId)}${route.version === null ? '' : `@${route.version}`}`, route.projection);
    case 'diff':
      return withProjection(
        `#/diff/${encodeURIComponent(route.streamId)}${route.from === null || route.to === null ? '' : `/${route.from}..${route.to}`}`,
        route.projection,
      );
    case 'timeline': {
      const f = route.filters;
      const p = new URLSearchParams();
      for (const type of f.types) p.append('type', type);
      for (const key of ['from', 'to', 'actor', 'prefix', 'correlation', 'causation'] as const) if (f[key]) p.set(key, f[key]);
      return withQuery('#/timeline', p);
    }
    case 'event':
      return `#/event/${route.position}`;
    case 'verify':
      return '#/verify';
    case 'import':
      return '#/import';
    case 'projections':
      return '#/projections';
    case 'whatif':
    case 'drift':
      return withProjection(`#/${route.name}/${encodeURIComponent(route.streamId)}${route.version === null ? '' : `@${route.version}`}`, route.projection);
    case 'search': {
      const p = new URLSearchParams();
      p.set('q', route.q);
      if (route.literal) p.set('literal', '1');
      return withQuery('#/search', p);
    }
    case 'keys':
      return '#/keys';
    case 'activity':
      return route.all ? '#/activity?all=1' : '#/activity';
    case 'notes':
      return '#/notes';
    case 'unknown':
      return route.hash;
  }
}

export const hrefs = {
  start: () => '#/',
  streams: (query: Partial<StreamsQuery> = {}) => routeHref({ name: 'streams', query: { ...EMPTY_STREAMS_QUERY, ...query } }),
  stream: (streamId: string, version: number | null = null) => routeHref({ name: 'stream', streamId, version }),
  state: (streamId: string, version: number | null = null, projection: string | null = null) => routeHref({ name: 'state', streamId, version, projection }),
  diff: (streamId: string, from: number | null = null, to: number | null = null, projection: string | null = null) =>
    routeHref({ name: 'diff', streamId, from, to, projection }),
  timeline: (filters: Partial<TimelineFilters> = {}) => routeHref({ name: 'timeline', filters: { ...EMPTY_TIMELINE_FILTERS, ...filters } }),
  event: (position: number) => routeHref({ name: 'event', position }),
  verify: () => '#/verify',
  import: () => '#/import',
  projections: () => '#/projections',
  whatIf: (streamId: string, version: number | null = null, projection: string | null = null) => routeHref({ name: 'whatif', streamId, version, projection }),
  drift: (streamId: string, version: number | null = null, projection: string | null = null) => routeHref({ name: 'drift', streamId, version, projection }),
  search: (q: string, literal = false) => routeHref({ name: 'search', q, literal }),
  keys: () => '#/keys',
  activity: (all = false) => routeHref({ name: 'activity', all }),
  notes: () => '#/notes',
};

/** Goes to `href`; `replace` keeps history clean while scrubbing or stepping through events. */
export function navigate(href: string, options: { replace?: boolean } = {}): void {
  if (window.location.hash === href) return;
  if (options.replace) {
    window.history.replaceState(null, '', href);
    // replaceState fires no hashchange: tell the router ourselves.
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    window.location.hash = href;
  }
}
