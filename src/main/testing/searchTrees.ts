// Random search trees for tests that compare two search paths (or a path and an oracle): terms of
// every kind drawn from a vocabulary of what the store really holds, nested in AND / OR / NOT.
import type { JsonPath, SearchNode, SearchTerm, TextMatch } from '../../shared/search.ts';
import type { Rng } from '../demo/prng.ts';

export interface Vocabulary {
  words: string[];
  types: string[];
  streams: string[];
  actors: string[];
  ids: string[];
  paths: { path: JsonPath; values: unknown[] }[];
  maxPosition: number;
  times: number[];
}

export type TermKind = SearchTerm['kind'];

export interface TreeOptions {
  /** Term kinds to draw from (repeat one to weight it). */
  kinds: readonly TermKind[];
  /** Ids that are not in the store, for correlation / causation / id terms. */
  extraIds?: string[];
  /** Share of text path terms compared with '>' instead of '=' (a comparison text never satisfies). Default 0. */
  textComparisons?: number;
}

export function randomMatch(rng: Rng, pool: string[]): TextMatch {
  const value = pool.length ? rng.pick(pool) : 'x';
  const roll = rng.next();
  if (roll < 0.4) return { kind: 'exact', text: value };
  if (roll < 0.6) return { kind: 'contains', text: value.slice(0, 1 + Math.floor(rng.next() * value.length)) };
  const cut = Math.floor(rng.next() * (value.length + 1));
  const literal = (s: string) => s.replace(/\*/g, '\\*');
  return { kind: 'pattern', glob: rng.chance(0.5) ? literal(value.slice(0, cut)) + '*' : '*' + literal(value.slice(cut)) };
}

export function randomTerm(rng: Rng, v: Vocabulary, options: TreeOptions): SearchTerm {
  const kind = rng.pick(options.kinds);
  switch (kind) {
    case 'text':
      return { kind, text: rng.pick(v.words) };
    case 'type':
      return { kind, match: randomMatch(rng, v.types) };
    case 'stream':
      return { kind, match: randomMatch(rng, v.streams) };
    case 'category':
      return { kind, match: randomMatch(rng, v.streams.map((s) => s.split('-')[0])) };
    case 'actor':
      return { kind, match: randomMatch(rng, v.actors) };
    case 'correlation':
    case 'causation':
    case 'id':
      return { kind, match: randomMatch(rng, [...v.ids, ...(options.extraIds ?? [])]) };
    case 'position':
    case 'version': {
      const a = 1 + Math.floor(rng.next() * (kind === 'position' ? v.maxPosition : 20));
      return { kind, range: rng.chance(0.3) ? { from: a } : rng.chance(0.3) ? { to: a } : { from: a, to: a + Math.floor(rng.next() * v.maxPosition) } };
    }
    case 'time': {
      const t = rng.pick(v.times);
      return { kind, fromMs: rng.chance(0.6) ? t : undefined, toMs: rng.chance(0.6) ? t + Math.floor(rng.next() * 1e9) : undefined, toExclusive: rng.chance(0.5) };
    }
    case 'has':
      return { kind, path: rng.pick(v.paths).path };
    case 'path': {
      const entry = rng.pick(v.paths);
      const sample = rng.pick(entry.values);
      if (typeof sample === 'number' && rng.chance(0.7)) {
        return { kind, path: entry.path, op: rng.pick(['=', '>', '>=', '<', '<='] as const), value: { kind: 'number', value: sample } };
      }
      const text = typeof sample === 'string' ? sample : JSON.stringify(sample);
      return { kind, path: entry.path, op: rng.chance(options.textComparisons ?? 0) ? '>' : '=', value: { kind: 'text', match: randomMatch(rng, [text]) } };
    }
  }
}

export function randomTree(rng: Rng, v: Vocabulary, options: TreeOptions, depth = 0): SearchNode {
  const roll = rng.next();
  if (depth >= 3 || roll < 0.45) return { kind: 'term', term: randomTerm(rng, v, options), span: [0, 0] };
  if (roll < 0.65) return { kind: 'and', nodes: [randomTree(rng, v, options, depth + 1), randomTree(rng, v, options, depth + 1)] };
  if (roll < 0.85) return { kind: 'or', nodes: [randomTree(rng, v, options, depth + 1), randomTree(rng, v, options, depth + 1)] };
  return { kind: 'not', node: randomTree(rng, v, options, depth + 1) };
}
