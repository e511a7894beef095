// One search result: where it matched (its data and metadata as JSON text with the matched words
// in <mark>; React renders every piece as text, so a payload can never inject markup), a link to
// the event in its stream at its version, then the event's full detail as everywhere else.
import { useT } from '../../i18n/index.ts';
import { useMemo } from 'react';
import type { StoredEvent } from '../../../../shared/types.ts';
import { hrefs } from '../../app/routes.ts';
import { SafeText } from '../../lib/safeText.tsx';
import { EventDetail } from '../events/EventDetail.tsx';
import { markMatches } from './searchText.ts';

/** Longer texts are shown up to here (the full value is in the detail below). */
const TEXT_LIMIT = 200_000;

function pretty(value: unknown): string {
  try {
    return JSON.stringify(value, null, 2) ?? 'undefined';
  } catch {
    return String(value);
  }
}

/** Text with its line breaks kept as line breaks (SafeText shows a lone \n as an escape). */
function Lines({ text }: { text: string }) {
  const lines = text.split('\n');
  return lines.map((line, i) => (
    <span key={i}>
      {i > 0 && '\n'}
      <SafeText text={line} />
    </span>
  ));
}

function Marked({ title, value, marks, testId }: { title: string; value: unknown; marks: string[]; testId: string }) {
  const t = useT();
  const text = useMemo(() => pretty(value), [value]);
  const shown = text.length > TEXT_LIMIT ? text.slice(0, TEXT_LIMIT) : text;
  const segments = useMemo(() => markMatches(shown, marks), [shown, marks]);
  const found = segments.some((s) => s.mark);
  return (
    <section className="detail-section" data-testid={testId} data-marks={segments.filter((s) => s.mark).length}>
      <header className="detail-section-head">
        <h3>{title}</h3>
        {!found && <span className="muted small">{t('search.detail.noMark')}</span>}
      </header>
      <pre className="raw-json search-marked">
        {segments.map((s, i) =>
          s.mark ? (
            <mark key={i} className="search-mark" data-testid="search-mark">
              <Lines text={s.text} />
            </mark>
          ) : (
            <Lines key={i} text={s.text} />
          ),
        )}
        {shown.length < text.length && `\n… ${t('search.detail.moreChars', { count: text.length - shown.length })}`}
      </pre>
    </section>
  );
}

export function SearchDetail({ event, marks }: { event: StoredEvent; marks: string[] }) {
  const t = useT();
  return (
    <div className="search-detail" data-testid="search-detail" data-position={event.position}>
      <div className="search-detail-head">
        <a href={hrefs.stream(event.streamId, event.version)} className="primary-link" data-testid="search-open-in-stream">
          {t('search.detail.open', { version: event.version })}
        </a>
        <span className="mono muted small">
          <SafeText text={event.streamId} max={120} />
        </span>
      </div>
      <div className="search-where">
        <h3 className="small muted">{t('search.detail.where')}</h3>
        <Marked title={t('search.detail.data')} value={event.data} marks={marks} testId="search-marked-data" />
        <Marked title={t('search.detail.metadata')} value={event.metadata} marks={marks} testId="search-marked-metadata" />
      </div>
      <EventDetail event={event} showStream />
    </div>
  );
}
