import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventCsvRow, eventJson } from './eventFormats.ts';

describe('eventJson', () => {
  it('round-trips any id, stream, type and time text exactly (escaping only where JSON needs it)', () => {
    const text = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }));
    fc.assert(
      fc.property(text, text, text, text, (eventId, streamId, type, recordedAt) => {
        const line = eventJson({ position: 7, eventId, streamId, version: 3, type, recordedAt, dataText: '{"a":1}', metadataText: '{}', hash: null });
        expect(JSON.parse(line)).toEqual({ position: 7, eventId, streamId, version: 3, type, recordedAt, data: { a: 1 }, metadata: {}, hash: null });
        expect(line).not.toMatch(/[\n\r]/);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('eventCsvRow', () => {
  it('writes the actor column and the JSON cells with numbers as stored', () => {
    const row = eventCsvRow({ position: 1, eventId: 'e', streamId: 's', version: 1, type: 'T', recordedAt: 't', dataText: '{"n":-0}', metadataText: '{"actor":12345678901234567890}', hash: null });
    expect(row.split(',').slice(6)).toEqual(['12345678901234567890', '', '', '"{""n"":-0}"', '"{""actor"":12345678901234567890}"', '']);
  });
});
