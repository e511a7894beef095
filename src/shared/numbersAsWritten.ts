// StoredEvent.numbersAsWritten holds, by JSON Pointer, the stored text of each number a JS number
// cannot reproduce (12345678901234567890, -0, 1e-400, 1.0). This puts those texts back into a
// parsed value as raw-JSON values, so JSON.stringify writes them as stored. Used by the CLI's --json
// output and the event detail's raw view and copy.

const rawJSON = (JSON as unknown as { rawJSON?: (text: string) => unknown }).rawJSON;
const isRawJSON = (JSON as unknown as { isRawJSON?: (value: unknown) => boolean }).isRawJSON;

/** `value` with each listed number replaced by its text (copies only the containers on the way). */
export function withNumbersAsWritten(value: unknown, numbers: Record<string, string> | undefined): unknown {
  if (!numbers || !rawJSON) return value; // a runtime without JSON.rawJSON shows JS numbers
  const root: Record<string, unknown> = { v: value };
  for (const [pointer, text] of Object.entries(numbers)) {
    let holder = root;
    let key = 'v';
    for (const part of pointer.split('/').slice(1)) {
      const node = holder[key];
      if (typeof node !== 'object' || node === null || isRawJSON?.(node)) break;
      holder[key] = Array.isArray(node) ? [...node] : { ...node };
      holder = holder[key] as Record<string, unknown>;
      key = part.replace(/~1/g, '/').replace(/~0/g, '~');
    }
    if (typeof holder[key] === 'number') holder[key] = rawJSON(text);
  }
  return root.v;
}
