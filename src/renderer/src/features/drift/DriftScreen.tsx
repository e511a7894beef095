// Drift check: the stream's replayed state against a stored read model, a row of a table in the
// opened store (the user picks the table, its key column, the key — the stream id by default — and
// the JSON column or columns). Each field that differs is listed with the event that should have
// set it in the read model.
import { useT, type MessageKey } from '../../i18n/index.ts';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import type { StreamSummary, TableInfo } from '../../../../shared/types.ts';
import type { DriftField, DriftQuery, DriftResult } from '../../../../shared/whatIf.ts';
import { api } from '../../api.ts';
import { hrefs, navigate } from '../../app/routes.ts';
import { useStore } from '../../app/StoreContext.tsx';
import { JsonInline } from '../../components/JsonTree.tsx';
import { EmptyState, ErrorView, Loading } from '../../components/StatusViews.tsx';
import { formatCount, formatTime } from '../../lib/format.ts';
import { SafeText, visibleText } from '../../lib/safeText.tsx';
import { useApi } from '../../lib/useApi.ts';
import { InterruptedBanner } from '../projections/InterruptedBanner.tsx';
import { ProjectionOriginBadge } from '../projections/ProjectionOriginBadge.tsx';
import { ProjectionPicker } from '../state/ProjectionPicker.tsx';
import { StreamFrame } from '../stream/StreamFrame.tsx';
import '../diff/diff.css';
import '../projections/projections.css';

const KIND_WORDS: Record<DriftField['kind'], MessageKey> = {
  different: 'drift.kind.different',
  'missing-in-read-model': 'drift.kind.missing',
  'only-in-read-model': 'drift.kind.only',
};

function FieldRow({ field, streamId }: { field: DriftField; streamId: string }) {
  const t = useT();
  const kindClass = field.kind === 'different' ? 'changed' : field.kind === 'missing-in-read-model' ? 'removed' : 'added';
  return (
    <li className={`diff-change diff-${kindClass}`} data-testid="drift-field" data-kind={field.kind} data-path={field.path}>
      <div className="diff-change-head">
        <span className={`badge badge-${kindClass}`}>{t(KIND_WORDS[field.kind])}</span>
        <span className="mono diff-path" title={visibleText(field.path)}>
          <SafeText text={field.path} max={500} />
        </span>
        <span className="toolbar-spacer" />
        {field.event ? (
          <a href={hrefs.stream(streamId, field.event.version)} className="diff-event" title={t('diff.event.title', { type: visibleText(field.event.type), time: formatTime(field.event.recordedAt) })} data-testid="drift-event-link" data-version={field.event.version}>
            {t('drift.setBy', { version: field.event.version })} <SafeText text={field.event.type} max={60} />
          </a>
        ) : (
          <span className="muted">{t('drift.initial')}</span>
        )}
      </div>
      <div className="diff-values">
        {field.kind !== 'only-in-read-model' && (
          <div className="diff-value diff-after" data-testid="drift-replayed">
            <span className="diff-side-label">{t('drift.replayed')}</span>
            <JsonInline value={field.replayed} />
          </div>
        )}
        {field.kind !== 'missing-in-read-model' && (
          <div className="diff-value diff-before" data-testid="drift-stored">
            <span className="diff-side-label">{t('drift.stored')}</span>
            <JsonInline value={field.stored} />
          </div>
        )}
      </div>
    </li>
  );
}

function DriftAnswer({ result }: { result: DriftResult }) {
  const t = useT();
  return (
    <>
      <div className="compare-summary" data-testid="drift-summary">
        <h2>
          {result.rowFound
            ? t('drift.differ', { count: result.totalFields })
            : t('drift.noRow')}
        </h2>
        <span className="muted">
          <SafeText text={result.table} max={200} />.<SafeText text={result.keyColumn} max={120} /> = <SafeText text={result.key} max={300} /> {t('drift.against', { version: result.version })}
        </span>
        <ProjectionOriginBadge projection={result.projection} />
      </div>
      {result.interrupted && <InterruptedBanner streamId={result.streamId} interrupted={result.interrupted} what={t('drift.theState')} />}
      {!result.rowFound && (
        <p className="integrity-banner" data-testid="drift-no-row">
          {t('drift.noRow.body', { column: result.keyColumn, key: result.key })}
        </p>
      )}
      {result.fields.length === 0 ? (
        <EmptyState title={t('drift.matches')} testId="drift-none" />
      ) : (
        <ul className="diff-changes" data-testid="drift-fields">
          {result.fields.map((field) => (
            <FieldRow key={`${field.kind}:${field.path}`} field={field} streamId={result.streamId} />
          ))}
          {result.truncated && <li className="muted">{t('drift.truncated', { count: result.fields.length })}</li>}
        </ul>
      )}
    </>
  );
}

function DriftForm({ stream, tables, routeVersion, projection }: { stream: StreamSummary; tables: TableInfo[]; routeVersion: number | null; projection: string | null }) {
  const { projectionsKey } = useStore();
  const t = useT();
  const [table, setTable] = useState(tables[0]?.name ?? '');
  const columns = useMemo(() => tables.find((x) => x.name === table)?.columns ?? [], [tables, table]);
  const [keyColumn, setKeyColumn] = useState('');
  const [key, setKey] = useState(stream.streamId);
  const [jsonColumns, setJsonColumns] = useState<Set<string>>(new Set());
  const [atVersion, setAtVersion] = useState(Math.min(stream.version, routeVersion ?? stream.version));
  const [query, setQuery] = useState<DriftQuery | null>(null);
  const answer = useApi(query ? () => api.driftCheck(query) : null, [JSON.stringify(query), projectionsKey]);

  // Another table: guess its key column (id, stream_id…) and its JSON columns by type.
  useEffect(() => {
    const guessKey = columns.find((c) => /^(stream_?id|id|key)$/i.test(c.name))?.name ?? columns[0]?.name ?? '';
    setKeyColumn(guessKey);
    setJsonColumns(new Set(columns.filter((c) => /json/i.test(c.type) && c.name !== guessKey).map((c) => c.name)));
  }, [columns]);

  const toggle = (name: string) =>
    setJsonColumns((current) => {
      const next = new Set(current);
      if (next.has(name)) next.delete(name);
      else next.add(name);
      return next;
    });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!table || !keyColumn || jsonColumns.size === 0) return;
    setQuery({
      streamId: stream.streamId,
      ...(projection ? { projection } : {}),
      table,
      keyColumn,
      ...(key.trim() && key !== stream.streamId ? { key } : {}),
      columns: columns.filter((c) => jsonColumns.has(c.name)).map((c) => c.name),
      atVersion,
    });
  }

  return (
    <>
      <form className="compare-form" onSubmit={submit}>
        <label>
          {t('drift.table')}
          <select value={table} onChange={(e) => setTable(e.target.value)} data-testid="drift-table">
            {tables.map((x) => (
              <option key={x.name} value={x.name}>
                {x.name}
                {x.rows !== null ? t('drift.rows', { count: x.rows }) : ''}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('drift.keyColumn')}
          <select value={keyColumn} onChange={(e) => setKeyColumn(e.target.value)} data-testid="drift-key-column">
            {columns.map((c) => (
              <option key={c.name} value={c.name}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('drift.key')}
          <input type="text" className="mono" value={key} onChange={(e) => setKey(e.target.value)} spellCheck={false} data-testid="drift-key" />
        </label>
        <fieldset>
          <legend>{t('drift.columns')}</legend>
          <div className="compare-columns">
            {columns
              .filter((c) => c.name !== keyColumn)
              .map((c) => (
                <label key={c.name} className="inline">
                  <input type="checkbox" checked={jsonColumns.has(c.name)} onChange={() => toggle(c.name)} data-testid="drift-column" data-column={c.name} />
                  <span className="mono">{c.name}</span> <span className="muted">{c.type}</span>
                </label>
              ))}
          </div>
        </fieldset>
        <label>
          {t('drift.afterVersion')}
          <input type="number" min={0} max={stream.version} value={atVersion} onChange={(e) => setAtVersion(Math.max(0, Math.min(stream.version, Number(e.target.value) || 0)))} data-testid="drift-version" />
        </label>
        <ProjectionPicker value={projection} active={answer.value?.projection.name ?? null} onChange={(name) => navigate(hrefs.drift(stream.streamId, atVersion, name))} />
        <button type="submit" className="primary" disabled={!table || !keyColumn || jsonColumns.size === 0} data-testid="drift-run">
          {t('drift.check')}
        </button>
      </form>
      {!query ? (
        <p className="muted compare-summary">{t('drift.pick')}</p>
      ) : answer.error ? (
        <ErrorView error={answer.error} onRetry={answer.reload} testId="drift-error" />
      ) : !answer.value ? (
        <Loading label={t('drift.replaying')} />
      ) : (
        <DriftAnswer result={answer.value} />
      )}
    </>
  );
}

function DriftView({ stream, routeVersion, projection }: { stream: StreamSummary; routeVersion: number | null; projection: string | null }) {
  const t = useT();
  const tables = useApi(() => api.listTables(), []);
  return (
    <div className="compare-view" data-testid="drift-view">
      {tables.error ? (
        <ErrorView error={tables.error} onRetry={tables.reload} />
      ) : !tables.value ? (
        <Loading label={t('drift.listing')} />
      ) : tables.value.length === 0 ? (
        <EmptyState title={t('drift.noTables')} testId="drift-no-tables">
          {t('drift.noTables.body')}
        </EmptyState>
      ) : (
        <DriftForm stream={stream} tables={tables.value} routeVersion={routeVersion} projection={projection} />
      )}
    </div>
  );
}

export function DriftScreen({ streamId, version, projection }: { streamId: string; version: number | null; projection: string | null }) {
  return (
    <StreamFrame streamId={streamId} tab="drift" version={version} projection={projection}>
      {(stream) => <DriftView stream={stream} routeVersion={version} projection={projection} />}
    </StreamFrame>
  );
}
