// Text from a store is untrusted: stream ids, types and payloads may hold control characters,
// bidirectional overrides or zero-width characters that make one id look like another. React
// already renders everything as text (never HTML); this also makes the invisible characters visible,
// so an auditor sees `cart-1\u202E` rather than a silently reversed id.
import type { ReactNode } from 'react';
import { t } from '../i18n/index.ts';

// C0 controls except none, DEL, C1 controls, zero-width and bidi controls, line/paragraph separators,
// BOM, soft hyphen and the Unicode "tag" block.
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]|\udb40[\udc00-\udc7f]/g;

export function hasInvisible(text: string): boolean {
  INVISIBLE.lastIndex = 0;
  const found = INVISIBLE.test(text);
  INVISIBLE.lastIndex = 0;
  return found;
}

export function escapeInvisible(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  if (char === '\n') return '\\n';
  if (char === '\t') return '\\t';
  if (char === '\r') return '\\r';
  return code > 0xffff ? `\\u{${code.toString(16)}}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Plain-text form with invisible characters escaped, for titles and aria labels. */
export function visibleText(text: string): string {
  return text.replace(INVISIBLE, escapeInvisible);
}

/** Renders `text` with every invisible character shown as a highlighted escape. */
export function SafeText({ text, max }: { text: string; max?: number }): ReactNode {
  const shown = max !== undefined && text.length > max ? text.slice(0, max) : text;
  const clipped = shown.length < text.length;
  if (!hasInvisible(shown)) return clipped ? `${shown}…` : shown;
  const parts: ReactNode[] = [];
  let last = 0;
  let key = 0;
  for (const match of shown.matchAll(INVISIBLE)) {
    const index = match.index ?? 0;
    if (index > last) parts.push(shown.slice(last, index));
    parts.push(
      <span key={key++} className="invisible-char" title={t('safeText.invisible')}>
        {escapeInvisible(match[0])}
      </span>,
    );
    last = index + match[0].length;
    if (key > 2000) break; // pathological text: the rest is shown plainly below
  }
  parts.push(shown.slice(last));
  if (clipped) parts.push('…');
  return <>{parts}</>;
}
