// Paths into a state tree and their readable text: $.items[sku="A-1"].quantity
import type { PathSegment } from '../../shared/replay.ts';

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function segmentText(segment: PathSegment): string {
  if (typeof segment === 'number') return `[${segment}]`;
  if (typeof segment === 'string') return IDENTIFIER.test(segment) ? `.${segment}` : `[${JSON.stringify(segment)}]`;
  return `[${segment.key}=${JSON.stringify(segment.value)}]`;
}

export function pathText(segments: readonly PathSegment[]): string {
  let text = '$';
  for (const segment of segments) text += segmentText(segment);
  return text;
}
