// The actor / correlation_id / causation_id columns are copies of metadata fields made by the append
// path (src/main/store/append.ts, prepareEvent) so filters can use indexes. A tamperer who edits a
// column but not the metadata changes what filters show without touching the hash chain, so verify
// recomputes the copies with the same rule and compares.
import { MAX_JSON_DEPTH } from '../store/canonicalJson.ts';
import { parseJsonText } from '../store/decode.ts';
import { parseJsonExactly } from '../store/exactJson.ts';

export interface DerivedColumns {
  actor: string | null;
  correlationId: string | null;
  causationId: string | null;
}

/** Same rule as append.ts metadataText: strings as-is, numbers/booleans as text, objects as canonical JSON. */
function copyOf(value: unknown, canonical: (v: unknown) => string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return canonical(value);
}

/** The first character of JSON text that is not JSON whitespace ('' when none). */
function firstSignificant(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return text[i];
  }
  return '';
}

/** The metadata as the append path saw it, or null when it is not a JSON object (or repeats a key). */
function metadataObject(metadataText: string): Record<string, unknown> | null {
  // Text too short to nest deeper than parseJsonText allows: one exact parse decides what the
  // check-then-parse below decides (valid JSON whose first character is '{' is an object). Verify
  // runs this for every event, and the second parse was a third of a hashing worker's time.
  if (metadataText.length <= MAX_JSON_DEPTH) {
    if (firstSignificant(metadataText) !== '{') return null;
    try {
      return parseJsonExactly(metadataText) as Record<string, unknown>;
    } catch {
      return null; // not JSON, or duplicate keys: the append path never stores them, so there is nothing to compare
    }
  }
  const parsed = parseJsonText(metadataText);
  if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value)) return null;
  try {
    // Exactly as the append path saw it: an actor 12345678901234567890 was copied as written.
    return parseJsonExactly(metadataText as string) as Record<string, unknown>;
  } catch {
    return null; // duplicate keys: the append path never stores them, so there is nothing to compare
  }
}

/** The column values the append path would have written for this metadata text; null when it is not an object. */
export function expectedDerivedColumns(metadataText: string, canonical: (v: unknown) => string): DerivedColumns | null {
  const m = metadataObject(metadataText);
  if (!m) return null;
  return {
    actor: copyOf(m.actor, canonical),
    correlationId: copyOf(m.correlationId ?? m.$correlationId ?? m.correlation_id, canonical),
    causationId: copyOf(m.causationId ?? m.$causationId ?? m.causation_id, canonical),
  };
}
