// Said while the viewer is still counting a big store by hour (its first time, in the background):
// the plot shows what is counted so far, and is asked for again until the count is whole.
import { useEffect } from 'react';
import type { Histogram } from '../../../../shared/types.ts';
import { useT } from '../../i18n/index.ts';

/** How often the plot is asked for again while the count runs. */
export const PARTIAL_RELOAD_MS = 1500;

export function PartialCountNote({ histogram, onReload }: { histogram: Histogram | null; onReload: () => void }) {
  const t = useT();
  const partial = histogram?.partial;
  useEffect(() => {
    if (!partial) return;
    const timer = setTimeout(onReload, PARTIAL_RELOAD_MS);
    return () => clearTimeout(timer);
  }, [partial, onReload]);
  if (!partial) return null;
  const share = partial.events > 0 ? Math.floor((partial.counted / partial.events) * 100) : 0;
  return (
    <p className="filter-note" role="status" data-testid="timeline-partial">
      {t('timeline.partial', { share, counted: partial.counted, events: partial.events })}
    </p>
  );
}
