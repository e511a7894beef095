// How an imported record's fields become an event. Common layouts (EventStoreDB, Emmett, Marten
// exports and our own) are recognised by field name, case-insensitively; anything else needs an
// explicit mapping `target=source` (source may be a dotted path such as metadata.streamName).
// Without a data field, the record's unmapped fields become the event's data.
import { words } from '../../shared/errorWords/index.ts';
import { LedgerError } from '../errors.ts';

export const TARGETS = ['streamId', 'type', 'data', 'metadata', 'version', 'eventId', 'time', 'actor', 'correlationId', 'causationId'] as const;
export type Target = (typeof TARGETS)[number];
export type Mapping = Partial<Record<Target, string>>;

/** Field names recognised without a mapping (compared case-insensitively). */
export const RECOGNISED: Record<Target, readonly string[]> = {
  streamId: ['streamId', 'stream_id', 'stream', 'eventStreamId'],
  type: ['type', 'eventType', 'event_type'],
  data: ['data', 'payload', 'body'],
  metadata: ['metadata', 'meta'],
  version: ['version', 'streamPosition', 'stream_position', 'eventNumber'],
  eventId: ['id', 'eventId', 'event_id', 'messageId'],
  time: ['time', 'timestamp', 'recordedAt', 'recorded_at', 'created'],
  actor: [],
  correlationId: [],
  causationId: [],
};

/** Emmett's read format keeps stream, id and position inside metadata. */
const NESTED_FALLBACKS: Partial<Record<Target, readonly string[]>> = {
  streamId: ['metadata.streamName', 'metadata.streamId'],
  eventId: ['metadata.messageId', 'metadata.eventId'],
  version: ['metadata.streamPosition'],
};

/** Fields of our own export that are recomputed on import rather than copied. */
const IGNORED = new Set(['position', 'hash', 'globalposition', 'global_position', 'decodeerror']);

export function parseMappingArgs(pairs: readonly string[]): Mapping {
  const mapping: Mapping = {};
  for (const pair of pairs) {
    const match = /^([A-Za-z]+)=(.+)$/.exec(pair);
    if (!match || !(TARGETS as readonly string[]).includes(match[1])) {
      throw new LedgerError('INVALID_INPUT', words('errorWords.importRun.badMapping', { pair, targets: { list: [...TARGETS] } }));
    }
    mapping[match[1] as Target] = match[2];
  }
  return mapping;
}

function lookup(record: Record<string, unknown>, path: string): unknown {
  if (Object.prototype.hasOwnProperty.call(record, path)) return record[path];
  let node: unknown = record;
  for (const part of path.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/** The source field of each target for records with these keys (cached by key signature). */
export function createResolver(mapping: Mapping) {
  const cache = new Map<string, Map<Target, string>>();
  return function resolve(keys: readonly string[]): Map<Target, string> {
    const signature = keys.join('\u0000');
    let resolved = cache.get(signature);
    if (resolved) return resolved;
    resolved = new Map();
    const byLower = new Map(keys.map((k) => [k.toLowerCase(), k]));
    for (const target of TARGETS) {
      const explicit = mapping[target];
      if (explicit) {
        resolved.set(target, explicit);
        continue;
      }
      const found = RECOGNISED[target].map((name) => byLower.get(name.toLowerCase())).find((k) => k !== undefined);
      if (found) resolved.set(target, found);
    }
    if (cache.size < 1000) cache.set(signature, resolved);
    return resolved;
  };
}

export interface MappedFields {
  streamId: unknown;
  type: unknown;
  data: unknown;
  metadata: unknown;
  version: unknown;
  eventId: unknown;
  time: unknown;
  actor: unknown;
  correlationId: unknown;
  causationId: unknown;
  /** True when data was not a field of its own and was built from the unmapped fields. */
  dataFromRest: boolean;
}

export function mapRecord(record: Record<string, unknown>, resolved: Map<Target, string>): MappedFields {
  const value = (target: Target): unknown => {
    const source = resolved.get(target);
    if (source !== undefined) return lookup(record, source);
    for (const path of NESTED_FALLBACKS[target] ?? []) {
      const found = lookup(record, path);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  let data = value('data');
  const dataFromRest = !resolved.has('data');
  if (dataFromRest) {
    const used = new Set([...resolved.values()].map((s) => s.split('.')[0]));
    const rest: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(record)) if (!used.has(key) && !IGNORED.has(key.toLowerCase())) rest[key] = v;
    data = rest;
  }
  return {
    streamId: value('streamId'),
    type: value('type'),
    data,
    metadata: value('metadata'),
    version: value('version'),
    eventId: value('eventId'),
    time: value('time'),
    actor: value('actor'),
    correlationId: value('correlationId'),
    causationId: value('causationId'),
    dataFromRest,
  };
}
