import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventJson } from './eventFormats.ts';

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
