// Numbers that JSON.parse would change (sign of zero, underflow, overflow, digits past a double's
// precision, trailing zeros), as source text, and events that nest them in data and metadata.
// Built as text, never through JSON.stringify, which would already have changed them.

/** Number texts whose JS number prints differently: an import must keep each as written. */
export const ALTERED_NUMBERS = [
  '-0',
  '-0.0',
  '1.0',
  '1e-400',
  '1E+400',
  '12345678901234567890',
  '-9007199254740993',
  '0.1000000000000000055511151231257827',
  '1e5',
  '0.0000001',
] as const;

/** The data of corpus event `i`: compact, keys already in canonical order, so it is stored as written. */
export function corpusData(i: number): string {
  const n = ALTERED_NUMBERS[i % ALTERED_NUMBERS.length];
  const all = ALTERED_NUMBERS.join(',');
  return `{"all":[${all}],"nested":{"deeper":[{"value":${n}}],"value":${n}},"plain":[1,2.5,-3],"value":${n}}`;
}

/** The metadata of corpus event `i` (stored as written, like its data). */
export function corpusMetadata(i: number): string {
  return `{"amount":${ALTERED_NUMBERS[(i + 3) % ALTERED_NUMBERS.length]},"note":"-0 1e5 1.0 stay text"}`;
}

/** One event per altered number (and a few more), as NDJSON lines of our export's shape. */
export function corpusNdjson(count = ALTERED_NUMBERS.length * 2): string {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const recordedAt = new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString();
    lines.push(`{"streamId":"numbers-${i % 3}","type":"Measured","eventId":"n-${i}","recordedAt":"${recordedAt}","data":${corpusData(i)},"metadata":${corpusMetadata(i)}}`);
  }
  return lines.join('\n') + '\n';
}

/** The same events as a JSON array spread over lines. */
export function corpusJsonArray(count?: number): string {
  return '[\n' + corpusNdjson(count).trimEnd().split('\n').join(',\n') + '\n]\n';
}
