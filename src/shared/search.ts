// The search's shared shapes: the query's syntax tree (what the parser gives and the engines
// evaluate), a parse problem with its position, and what a search answers. Plain JSON throughout.
import type { ErrorWords } from './errorWords/index.ts';
import type { Histogram, StoredEvent } from './types.ts';

/** How a value is compared: substring (free text, case-insensitive), exact, or a `*` pattern. */
export type TextMatch = { kind: 'contains'; text: string } | { kind: 'exact'; text: string } | { kind: 'pattern'; glob: string };

/** Inclusive bounds; either may be absent (`position:100..`, `version:..10`). */
export interface NumberRange {
  from?: number;
  to?: number;
}

/** A JSON path into data or metadata: `data.items[].sku` is root 'data', steps [key items, any element, key sku]. */
export interface JsonPath {
  root: 'data' | 'metadata';
  steps: ({ kind: 'key'; key: string } | { kind: 'anyElement' })[];
}

export type Comparison = '=' | '>' | '>=' | '<' | '<=';

export type SearchTerm =
  /** Free words and "quoted phrases": substring of data, metadata, stream id and type, ignoring case. */
  | { kind: 'text'; text: string }
  | { kind: 'type'; match: TextMatch }
  | { kind: 'stream'; match: TextMatch }
  | { kind: 'category'; match: TextMatch }
  | { kind: 'actor'; match: TextMatch }
  | { kind: 'correlation'; match: TextMatch }
  | { kind: 'causation'; match: TextMatch }
  | { kind: 'id'; match: TextMatch }
  | { kind: 'position'; range: NumberRange }
  | { kind: 'version'; range: NumberRange }
  /** `after:` (inclusive) / `before:` (exclusive); a date alone covers whole days (before:2026-05-01 ends at its midnight). */
  | { kind: 'time'; fromMs?: number; toMs?: number; toExclusive?: boolean }
  /** `data.x:value` (text match on the value as text, or equal number), `data.total>10000` (numbers). */
  | { kind: 'path'; path: JsonPath; op: Comparison; value: { kind: 'text'; match: TextMatch } | { kind: 'number'; value: number } }
  /** `has:data.paymentId`: the path exists (any value, null included). */
  | { kind: 'has'; path: JsonPath };

export type SearchNode =
  | { kind: 'term'; term: SearchTerm; /** [start, end) in the query text, for highlighting and messages. */ span: [number, number] }
  | { kind: 'and'; nodes: SearchNode[] }
  | { kind: 'or'; nodes: SearchNode[] }
  | { kind: 'not'; node: SearchNode };

/** A query that does not parse: where it stopped and why, in words; the UI offers a literal search. */
export interface SearchProblem {
  message: string;
  /** 0-based offset into the query where parsing stopped. */
  at: number;
}

/** `words`: the problem's message as error words (shared/errorWords), for errors main sends. */
export type ParsedSearch = { ok: true; query: SearchNode | null } | { ok: false; problem: SearchProblem; words?: ErrorWords };

export interface SearchFacets {
  types: { value: string; count: number }[];
  categories: { value: string; count: number }[];
  actors: { value: string; count: number }[];
  /** 'YYYY-MM' in UTC. */
  months: { value: string; count: number }[];
}

export interface SearchRequest {
  q: string;
  /** Search the whole text literally (the offer after a parse problem). */
  literal?: boolean;
  limit?: number;
  /** The `next` of the previous page. */
  after?: string | null;
  facets?: boolean;
}

export interface SearchResult {
  /** Exact number of matching events, unless `totalIsLowerBound` (still counting). */
  total: number;
  totalIsLowerBound?: boolean;
  items: StoredEvent[];
  next: string | null;
  facets?: SearchFacets;
  /** With facets: the matching events over time by type, for the results' plot. */
  histogram?: Histogram;
  /** What this search cannot see, in words (events whose data is not JSON, rows not indexed yet). */
  blindSpots: string[];
  /** How it ran, for the curious and the bench: 'scan', 'index', 'index+scan', 'sql'. */
  plan: string;
}
