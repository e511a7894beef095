// Paths into a state tree and their readable text: $.items[sku="A-1"].quantity
import type { PathSegment } from '../../shared/replay.ts';

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * Texts of recent segments: blame folds name the same few fields and keys for every event (a
 * regular expression or JSON.stringify per segment was ~5% of a cold diff). Bounded: cleared
 * when full, so a state with endless distinct keys costs memory only up to the bound.
 */
const MAX_CACHED = 8192;
const nameTexts = new Map<string, string>();
const keyTexts = new Map<string, Map<unknown, string>>();
let cached = 0;

function remember(): void {
  if (++cached <= MAX_CACHED) return;
  nameTexts.clear();
  keyTexts.clear();
  cached = 1;
}

export function segmentText(segment: PathSegment): string {
  if (typeof segment === 'number') return `[${segment}]`;
  if (typeof segment === 'string') {
    let text = nameTexts.get(segment);
    if (text === undefined) {
      text = IDENTIFIER.test(segment) ? `.${segment}` : `[${JSON.stringify(segment)}]`;
      remember();
      nameTexts.set(segment, text);
    }
    return text;
  }
  let byValue = keyTexts.get(segment.key);
  let text = byValue?.get(segment.value);
  if (text === undefined) {
    text = `[${segment.key}=${JSON.stringify(segment.value)}]`;
    remember();
    if (!byValue) keyTexts.set(segment.key, (byValue = new Map()));
    byValue.set(segment.value, text);
  }
  return text;
}

export function pathText(segments: readonly PathSegment[]): string {
  let text = '$';
  for (const segment of segments) text += segmentText(segment);
  return text;
}
