// The actor filter of the global log, read the same way by the store, the CLI and the timeline.
// Semantics (stated in the UI): surrounding spaces are ignored; otherwise the match is exact and
// case-sensitive, because actors are identifiers (user:ada and User:Ada may be different
// principals). `*` stands for any text: `support:*` is every actor starting with "support:",
// `*:ken` or `a*b` a pattern; `\*` is a literal star. Every other character is literal. When nothing matches, the store
// suggests actors that match ignoring case (see ActorSummary.match.suggestions).

export type ActorFilter =
  | { kind: 'exact'; text: string; actor: string }
  | { kind: 'prefix'; text: string; prefix: string }
  /** prefix: the literal text before the first `*` (keeps the actor index usable); glob: SQLite GLOB with `?` and `[` made literal. */
  | { kind: 'pattern'; text: string; prefix: string; glob: string };

/** null when the filter is blank (no actor condition). `\*` is a literal star. */
export function parseActorFilter(input: string): ActorFilter | null {
  const text = input.trim();
  if (text === '') return null;
  // Tokens: literal characters, and null for each wildcard.
  const tokens: (string | null)[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\' && text[i + 1] === '*') tokens.push(text[++i]);
    else tokens.push(text[i] === '*' ? null : text[i]);
  }
  const firstStar = tokens.indexOf(null);
  const literal = (from: number, to: number) => tokens.slice(from, to).join('');
  if (firstStar === -1) return { kind: 'exact', text, actor: literal(0, tokens.length) };
  const prefix = literal(0, firstStar);
  if (firstStar === tokens.length - 1) return { kind: 'prefix', text, prefix };
  const glob = tokens.map((t) => (t === null ? '*' : /[*?[]/.test(t) ? `[${t}]` : t)).join('');
  return { kind: 'pattern', text, prefix, glob };
}

/** "actor is exactly 'user:ada'", "actor starts with 'support:'", "actor matches '*:ken'". */
export function describeActorFilter(filter: ActorFilter): string {
  if (filter.kind === 'exact') return `actor is exactly '${filter.actor}'`;
  if (filter.kind === 'prefix') return filter.prefix ? `actor starts with '${filter.prefix}'` : 'any actor';
  return `actor matches '${filter.text}' (* = any text)`;
}

export interface ActorCount {
  actor: string;
  count: number;
}

export interface ActorMatch {
  /** The filter as read (trimmed). */
  text: string;
  kind: ActorFilter['kind'];
  description: string;
  /** Distinct actors and events the filter matched, case-sensitively (other filters aside). */
  actors: number;
  events: number;
  /** The most frequent matching actors (up to 10). */
  top: ActorCount[];
  /** When nothing matched: actors that match ignoring case (or, for an exact name, start with it). */
  suggestions: ActorCount[];
}

export interface ActorSummary {
  /** The store's actors, most events first (ties by name). */
  actors: ActorCount[];
  /** Whether more actors exist than were listed. */
  more: boolean;
  /** How the given filter matched; null when no filter was given. */
  match: ActorMatch | null;
}

export interface ActorsQuery {
  actor?: string;
  limit?: number;
}
