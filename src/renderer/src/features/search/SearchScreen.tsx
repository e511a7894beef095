// Search results (#/search?q=…): the count, the plot of the results over time, facet counts that
// click to refine the query, what the search cannot see, and the matching events as a list like
// the timeline's. The selected event shows where it matched (marked text) and opens in its stream
// at its version. A query that does not parse shows where it stopped and offers the literal search.
// The search is in the URL, so a link in a ticket reproduces it; it runs as one of the screens'
// reads, so Cancel stops it.
import { t as translate, useT } from '../../i18n/index.ts';
import { Message } from '../../i18n/Message.tsx';
import { useEffect, useMemo, useState } from 'react';
import type { ErrorInfo } from '../../../../shared/result.ts';
import type { SearchProblem, SearchResult } from '../../../../shared/search.ts';
import { literalSearch, parseSearch } from '../../../../shared/searchQuery.ts';
import type { StoredEvent } from '../../../../shared/types.ts';
import { api } from '../../api.ts';
import { hrefs, navigate } from '../../app/routes.ts';
import { useStore } from '../../app/StoreContext.tsx';
import { EmptyState, ErrorView, Loading } from '../../components/StatusViews.tsx';
import { ErrorBoundary } from '../../ErrorBoundary.tsx';
import { SafeText, visibleText } from '../../lib/safeText.tsx';
import { useKeysetPages } from '../../lib/useKeysetPages.ts';
import { HistogramPlot } from '../timeline/HistogramPlot.tsx';
import { CancelledNote, ReadingStatus } from '../timeline/ReadProgress.tsx';
import { FacetPanel } from './FacetPanel.tsx';
import { ParseProblem } from './ParseProblem.tsx';
import { SearchDetail } from './SearchDetail.tsx';
import { SearchExportButton } from './SearchExport.tsx';
import { IndexStatus } from './IndexStatus.tsx';
import { facetTerm, highlightTexts, refine } from './searchText.ts';
import '../timeline/timeline.css';
import './search.css';
import { LogRows } from '../timeline/LogRow.tsx';
import { clockName } from '../../lib/format.ts';
import { useEventLogList } from '../timeline/useEventLogList.ts';

const ROW_HEIGHT = 30;
const PAGE = 200;

/** "1,234 events", or "at least 1,234 events" while the engine is still counting. */
export function countText(result: Pick<SearchResult, 'total' | 'totalIsLowerBound'>): string {
  return result.totalIsLowerBound ? translate('search.atLeast', { count: result.total }) : translate('common.events', { count: result.total });
}

function problemOf(error: ErrorInfo | null): SearchProblem | null {
  if (error?.code !== 'INVALID_INPUT' || !error.details) return null;
  const { at, problem } = error.details as { at?: unknown; problem?: { at?: unknown; message?: unknown } };
  if (typeof at === 'number') return { message: error.message, at };
  if (typeof problem?.at === 'number') return { message: typeof problem.message === 'string' ? problem.message : error.message, at: problem.at };
  return null;
}

export function SearchScreen({ q, literal }: { q: string; literal: boolean }) {
  const { store, tail } = useStore();
  const t = useT();
  const allTypes = (store?.stats.types ?? []).map((c) => c.type);
  // Parsed here too: a problem is shown at once, with its position, and the words to mark are known.
  const parsed = useMemo(() => (literal ? { ok: true as const, query: literalSearch(q) } : parseSearch(q)), [q, literal]);
  const marks = useMemo(() => (parsed.ok ? highlightTexts(parsed.query) : []), [parsed]);
  const runnable = parsed.ok && q.trim() !== '';
  const key = JSON.stringify({ q, literal, tail });

  // The first page brings the count, the facets and the plot; later pages only events.
  const [head, setHead] = useState<{ key: string; result: SearchResult } | null>(null);
  const pages = useKeysetPages<StoredEvent, string>(key, async (cursor) => {
    if (!runnable) return { ok: true as const, value: { items: [], next: null } };
    const answer = await api.runSearch({ q, literal, limit: PAGE, after: cursor, facets: cursor === null });
    if (!answer.ok) return answer;
    if (cursor === null) setHead({ key, result: answer.value });
    return { ok: true as const, value: { items: answer.value.items, next: answer.value.next } };
  });
  const result = head?.key === key ? head.result : null;
  const [cancelled, setCancelled] = useState(false);
  useEffect(() => setCancelled(false), [key]);

  const { selected, scroller, virtualizer, roving } = useEventLogList(pages, key, ROW_HEIGHT);

  const go = (next: string) => navigate(hrefs.search(next));
  const refineBy = (term: string) => go(refine(q, term, literal));
  const selectedEvent = selected !== null ? pages.items[selected] : undefined;
  // A problem the main process found (it parses too) carries the position in details.at.
  // (The handler puts it in details.at; the engine, when called otherwise, in details.problem.)
  const serverProblem = problemOf(pages.error);

  if (!q.trim()) {
    return (
      <div className="screen search-screen" data-testid="search-screen">
        <EmptyState title={t('search.empty.title')} testId="search-empty-query">
          <Message k="search.empty.body" components={{ kbd: <kbd />, code: <code /> }} />
        </EmptyState>
      </div>
    );
  }
  if (!parsed.ok || serverProblem) {
    const problem = parsed.ok ? (serverProblem as SearchProblem) : parsed.problem;
    return (
      <div className="screen search-screen" data-testid="search-screen">
        <ParseProblem q={q} problem={problem} {...(!parsed.ok && parsed.words ? { words: parsed.words } : {})} onLiteral={() => navigate(hrefs.search(q, true))} />
      </div>
    );
  }

  return (
    <div className="screen search-screen" data-testid="search-screen" data-query={q}>
      <div className="filter-notes">
        <ReadingStatus running={pages.loading} onCancelled={() => setCancelled(true)} testId="search-reading" />
        {cancelled && !pages.loading && <CancelledNote what={t('search.cancelled')} onRetry={pages.reload} testId="search-cancelled" />}
        {literal && (
          <p className="filter-note" data-testid="search-literal-note">
            {t('search.literal')}{' '}
            {parseSearch(q).ok && (
              <button type="button" className="link-button" onClick={() => go(q)}>
                {t('search.asQuery')}
              </button>
            )}
          </p>
        )}
        {result && result.blindSpots.length > 0 && (
          <ul className="search-blind-spots" data-testid="search-blind-spots" aria-label={t('search.blind')}>
            {result.blindSpots.map((spot) => (
              <li key={spot} className="filter-note">
                {t('search.cannotSee')}<SafeText text={spot} max={400} />
              </li>
            ))}
          </ul>
        )}
      </div>
      <section className="timeline-plot-card search-head" aria-label={t('search.plot')}>
        <div className="plot-head">
          <h2>
            {result ? (
              <span data-testid="search-total" data-total={result.total} data-lower-bound={result.totalIsLowerBound ? 'true' : 'false'}>
                {countText(result)}
              </span>
            ) : (
              t('search.searching')
            )}
            <span className="muted small">
              {' '}
              <Message k="search.match" components={{ q: <span className="mono">{visibleText(q.length > 200 ? `${q.slice(0, 200)}…` : q)}</span> }} />
            </span>
          </h2>
          <span className="toolbar-spacer" />
          {result && (
            <span className="muted small" title={t('search.plan')} data-testid="search-plan">
              {result.plan}
            </span>
          )}
          <SearchExportButton q={q} literal={literal} matching={result?.total ?? null} />
        </div>
        <IndexStatus refreshKey={`${key}:${result?.plan ?? ''}`} />
        <ErrorBoundary what={t('timeline.thePlot')} compact resetKey={key}>
          {result?.histogram && result.histogram.total > 0 && (
            <HistogramPlot
              histogram={result.histogram}
              allTypes={allTypes}
              selectedTypes={[]}
              onRange={(from, to) => refineBy(`after:${from} before:${new Date(Date.parse(to) + 1).toISOString()}`)}
              onToggleType={(type) => refineBy(facetTerm('type', type) ?? '')}
            />
          )}
        </ErrorBoundary>
        {result?.facets && <FacetPanel facets={result.facets} onRefine={refineBy} />}
      </section>
      <div className="split timeline-split">
        <div className="split-main">
          <div className="grid grid-fill" role="grid" aria-label={t('search.results')} {...roving.gridProps}>
            <div className="grid-head timeline-grid" role="row">
              <span role="columnheader" className="num">
                {t('timeline.col.position')}
              </span>
              <span role="columnheader">{t('timeline.col.recorded', { clock: clockName() })}</span>
              <span role="columnheader">{t('timeline.col.stream')}</span>
              <span role="columnheader" className="num">
                {t('timeline.col.version')}
              </span>
              <span role="columnheader">{t('timeline.col.type')}</span>
              <span role="columnheader">{t('timeline.col.actor')}</span>
            </div>
            {pages.error && pages.items.length === 0 ? (
              <ErrorView error={pages.error} onRetry={pages.reload} testId="search-error" />
            ) : !pages.ready ? (
              <Loading label={t('search.searching')} />
            ) : pages.items.length === 0 ? (
              <EmptyState title={t('search.none.title')} testId="search-no-results">
                <Message k="search.none.body" components={{ code: <code /> }} />
              </EmptyState>
            ) : (
              <LogRows scroller={scroller} virtualizer={virtualizer} pages={pages} rowProps={roving.rowProps} allTypes={allTypes} listTestId="search-list" rowTestId="search-row" />
            )}
          </div>
        </div>
        <aside className="split-side" aria-label={t('timeline.detail')}>
          <ErrorBoundary what={t('timeline.theDetail')} resetKey={String(selectedEvent?.position)}>
            {selectedEvent ? (
              <SearchDetail event={selectedEvent} marks={marks} />
            ) : (
              <EmptyState title={t('search.select')}>
                <Message k="search.select.hint" components={{ kbd: <kbd /> }} />
              </EmptyState>
            )}
          </ErrorBoundary>
        </aside>
      </div>
    </div>
  );
}
