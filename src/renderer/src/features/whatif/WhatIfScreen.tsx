// What-if replay (Redux DevTools' skip and swapped reducer): the stream replayed twice, A as it was
// recorded and B leaving out chosen events and/or with another projection; the differences of the
// two states after a version, and the first event after which they diverge (a link to it).
import { useT } from '../../i18n/index.ts';
import { useState, type FormEvent } from 'react';
import type { WhatIfChange, WhatIfQuery, WhatIfResult, WhatIfSideResult } from '../../../../shared/whatIf.ts';
import type { StreamSummary } from '../../../../shared/types.ts';
import { api } from '../../api.ts';
import { hrefs } from '../../app/routes.ts';
import { useStore } from '../../app/StoreContext.tsx';
import { JsonInline } from '../../components/JsonTree.tsx';
import { EmptyState, ErrorView, Loading } from '../../components/StatusViews.tsx';
import { formatCount } from '../../lib/format.ts';
import { SafeText, visibleText } from '../../lib/safeText.tsx';
import { useApi } from '../../lib/useApi.ts';
import { InterruptedBanner } from '../projections/InterruptedBanner.tsx';
import { ProjectionOriginBadge } from '../projections/ProjectionOriginBadge.tsx';
import { ProjectionSelect } from '../projections/ProjectionSelect.tsx';
import { StreamFrame } from '../stream/StreamFrame.tsx';
import { SkipList } from './SkipList.tsx';
import '../diff/diff.css';
import '../projections/projections.css';

function Side({ label, testId, side, streamId }: { label: string; testId: string; side: WhatIfSideResult; streamId: string }) {
  const t = useT();
  return (
    <div className="compare-side" data-testid={`whatif-side-${testId}`}>
      <strong>{label}:</strong> <ProjectionOriginBadge projection={side.projection} />{' '}
      {side.skipped.length > 0 ? (
        <span className="muted">
          {t('whatif.skipping')}{' '}
          {side.skipped.slice(0, 20).map((v, i) => (
            <span key={v}>
              {i > 0 ? t('filters.listSeparator') : ''}
              <a href={hrefs.stream(streamId, v)}>{t('common.v', { version: v })}</a>
            </span>
          ))}
          {side.skipped.length > 20 ? t('whatif.andMore', { count: side.skipped.length - 20 }) : ''}
        </span>
      ) : (
        <span className="muted">{t('whatif.everyEvent')}</span>
      )}
      {side.interrupted && <InterruptedBanner streamId={streamId} interrupted={side.interrupted} what={t('whatif.side', { label })} />}
    </div>
  );
}

function ChangeRow({ change }: { change: WhatIfChange }) {
  const t = useT();
  return (
    <li className={`diff-change diff-${change.kind}`} data-testid="whatif-change" data-kind={change.kind} data-path={change.path}>
      <div className="diff-change-head">
        <span className={`badge badge-${change.kind}`}>{change.kind === 'added' ? t('whatif.onlyB') : change.kind === 'removed' ? t('whatif.onlyA') : t('whatif.differs')}</span>
        <span className="mono diff-path" title={visibleText(change.path)}>
          <SafeText text={change.path} max={500} />
        </span>
      </div>
      <div className="diff-values">
        {change.kind !== 'added' && (
          <div className="diff-value diff-before" data-testid="whatif-a">
            <span className="diff-side-label">{t('whatif.a')}</span>
            <JsonInline value={change.a} />
          </div>
        )}
        {change.kind !== 'removed' && (
          <div className="diff-value diff-after" data-testid="whatif-b">
            <span className="diff-side-label">{t('whatif.b')}</span>
            <JsonInline value={change.b} />
          </div>
        )}
      </div>
    </li>
  );
}

function WhatIfAnswer({ result }: { result: WhatIfResult }) {
  const t = useT();
  const first = result.firstDivergence;
  return (
    <>
      <div className="compare-summary" data-testid="whatif-summary">
        <h2>
          {t('whatif.after', { version: result.version, differences: t('whatif.differences', { count: result.totalChanges }) })}
        </h2>
        {first ? (
          <span data-testid="whatif-divergence" data-version={first.version}>
            {t('whatif.firstDivergence')}{' '}
            <a href={hrefs.stream(result.streamId, first.version)} data-testid="whatif-divergence-link">
              {t('common.v', { version: first.version })} <SafeText text={first.type} max={80} />
            </a>
            {first.paths.length > 0 && (
              <span className="muted">
                {' '}
                {t('whatif.at')}<SafeText text={first.paths.slice(0, 5).join(', ')} max={400} />
                {first.paths.length > 5 ? '…' : ''}
              </span>
            )}
          </span>
        ) : (
          <span className="muted" data-testid="whatif-divergence-none">
            {t('whatif.agree', { version: result.version })}
          </span>
        )}
      </div>
      <div className="compare-summary">
        <Side label={t('whatif.a')} testId="a" side={result.a} streamId={result.streamId} />
        <Side label={t('whatif.b')} testId="b" side={result.b} streamId={result.streamId} />
      </div>
      {result.changes.length === 0 ? (
        <EmptyState title={t('whatif.equal')} testId="whatif-equal" />
      ) : (
        <ul className="diff-changes" data-testid="whatif-changes">
          {result.changes.map((change) => (
            <ChangeRow key={change.path} change={change} />
          ))}
          {result.truncated && <li className="muted">{t('whatif.truncated', { count: result.changes.length })}</li>}
        </ul>
      )}
    </>
  );
}

function WhatIfView({ stream, routeVersion, projection }: { stream: StreamSummary; routeVersion: number | null; projection: string | null }) {
  const { projectionsKey } = useStore();
  const t = useT();
  const [atVersion, setAtVersion] = useState(Math.min(stream.version, routeVersion ?? stream.version));
  const [projectionA, setProjectionA] = useState(projection ?? '');
  const [projectionB, setProjectionB] = useState('');
  const [skip, setSkip] = useState<Set<number>>(new Set());
  const [query, setQuery] = useState<WhatIfQuery | null>(null);
  const answer = useApi(query ? () => api.whatIf(query) : null, [JSON.stringify(query), projectionsKey]);

  const toggle = (version: number) =>
    setSkip((current) => {
      const next = new Set(current);
      if (next.has(version)) next.delete(version);
      else next.add(version);
      return next;
    });

  function submit(event: FormEvent) {
    event.preventDefault();
    setQuery({
      streamId: stream.streamId,
      a: projectionA ? { projection: projectionA } : {},
      b: { ...(projectionB ? { projection: projectionB } : {}), skip: [...skip].filter((v) => v <= atVersion).sort((x, y) => x - y) },
      atVersion,
    });
  }

  return (
    <div className="compare-view" data-testid="whatif-view">
      <form className="compare-form" onSubmit={submit}>
        <fieldset>
          <legend>{t('whatif.legendA')}</legend>
          <ProjectionSelect label={t('whatif.projection')} value={projectionA} onChange={setProjectionA} testId="whatif-projection-a" />
        </fieldset>
        <fieldset>
          <legend>{t('whatif.legendB')}</legend>
          <ProjectionSelect label={t('whatif.projection')} value={projectionB} onChange={setProjectionB} testId="whatif-projection-b" />
          <div className="muted small">{t('whatif.leaveOut', { count: skip.size })}</div>
          <SkipList streamId={stream.streamId} upTo={atVersion} skip={skip} onToggle={toggle} />
        </fieldset>
        <label>
          {t('whatif.compareAfter')}
          <input
            type="number"
            min={0}
            max={stream.version}
            value={atVersion}
            onChange={(e) => setAtVersion(Math.max(0, Math.min(stream.version, Number(e.target.value) || 0)))}
            data-testid="whatif-version"
          />
        </label>
        <button type="submit" className="primary" data-testid="whatif-run">
          {t('diff.picker.compare')}
        </button>
      </form>
      {!query ? (
        <p className="muted compare-summary">{t('whatif.choose')}</p>
      ) : answer.error ? (
        <ErrorView error={answer.error} onRetry={answer.reload} testId="whatif-error" />
      ) : !answer.value ? (
        <Loading label={t('whatif.replaying')} />
      ) : (
        <WhatIfAnswer result={answer.value} />
      )}
    </div>
  );
}

export function WhatIfScreen({ streamId, version, projection }: { streamId: string; version: number | null; projection: string | null }) {
  return (
    <StreamFrame streamId={streamId} tab="whatif" version={version} projection={projection}>
      {(stream) => <WhatIfView stream={stream} routeVersion={version} projection={projection} />}
    </StreamFrame>
  );
}
