import { describe, expect, it } from 'vitest';
import { parseTableMapping, parseTableRef } from './tableMapping.ts';

const MAP = ['streamId=aggregate_id', 'version=seq', 'type=event_type', 'data=payload', 'time=created_at', 'position=id'];

describe('parseTableMapping', () => {
  it('reads --table and the --map pairs, optional fields included', () => {
    expect(parseTableMapping('audit.events_log', [...MAP, 'metadata=meta', 'eventId=event_uuid', 'versionBase=0'])).toEqual({
      table: { schema: 'audit', table: 'events_log' },
      mapping: { streamId: 'aggregate_id', version: 'seq', type: 'event_type', data: 'payload', time: 'created_at', position: 'id', metadata: 'meta', eventId: 'event_uuid', versionBase: 0 },
    });
    expect(parseTableMapping('events', MAP).table).toEqual({ schema: 'public', table: 'events' });
  });

  it('names what is missing, unknown or doubled', () => {
    expect(() => parseTableMapping('a.b', MAP.slice(0, 4))).toThrow(/needs --map time=column, --map position=column/);
    expect(() => parseTableMapping('a.b', [...MAP, 'user=who'])).toThrow(/'user' is not a field; use one of streamId, version, type, data, time, position, metadata, eventId, actor, correlationId, causationId/);
    expect(() => parseTableMapping('a.b', [...MAP, 'type=kind'])).toThrow(/--map type is given twice \(event_type and kind\)/);
    expect(() => parseTableMapping('a.b', [...MAP, 'data='])).toThrow(/must be target=column/);
    expect(() => parseTableMapping('a.b', [...MAP, 'versionBase=2'])).toThrow(/0 or 1/);
  });

  it('takes quoted names with dots and quotes, and rejects malformed tables', () => {
    expect(parseTableRef('"my.schema"."Events ""x"""')).toEqual({ schema: 'my.schema', table: 'Events "x"' });
    expect(parseTableRef(' audit."Log" ')).toEqual({ schema: 'audit', table: 'Log' });
    for (const bad of ['', 'a.b.c', 'a.', '.b', '"open', 'a b']) expect(() => parseTableRef(bad), bad).toThrow(/must be schema\.table/);
  });
});
