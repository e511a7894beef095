// The mark beside an event (or a state) that has case notes: how many, and their text on hover.
// Not interactive: it sits inside rows that are buttons themselves.
import type { CaseNote } from '../../../../shared/evidence.ts';
import { visibleText } from '../../lib/safeText.tsx';

export function NoteMark({ notes }: { notes: CaseNote[] }) {
  if (notes.length === 0) return null;
  const title = notes.map((n) => `${visibleText(n.author)}: ${visibleText(n.text).slice(0, 200)}`).join('\n');
  return (
    <span className="badge badge-note" title={title} aria-label={`${notes.length} note${notes.length === 1 ? '' : 's'}`} data-testid="note-mark" data-count={notes.length}>
      ✎ {notes.length}
    </span>
  );
}
