// The mark beside an event (or a state) that has case notes: how many, and their text on hover.
// Not interactive: it sits inside rows that are buttons themselves.
import type { CaseNote } from '../../../../shared/evidence.ts';
import { visibleText } from '../../lib/safeText.tsx';
import { useT } from '../../i18n/index.ts';

export function NoteMark({ notes }: { notes: CaseNote[] }) {
  const t = useT();
  if (notes.length === 0) return null;
  const title = notes.map((n) => t('notes.mark.line', { author: visibleText(n.author), text: visibleText(n.text).slice(0, 200) })).join('\n');
  return (
    <span className="badge badge-note" title={title} aria-label={t('notes.mark', { count: notes.length })} data-testid="note-mark" data-count={notes.length}>
      ✎ {notes.length}
    </span>
  );
}
