// The Projections panel: the open store's projections folder (remembered per store), each file in
// it with its facts or its load error, a reload button, and every projection the engine offers.
// Hot reload shows itself: a saved file makes main push `projections/changed` and this re-reads.
import { useT } from '../../i18n/index.ts';
import { Message } from '../../i18n/Message.tsx';
import { useEffect, useState, type FormEvent } from 'react';
import type { ProjectionFolderView } from '../../../../shared/contract.ts';
import type { ErrorInfo, Result } from '../../../../shared/result.ts';
import { api } from '../../api.ts';
import { useStore } from '../../app/StoreContext.tsx';
import { PathInput } from '../../components/PathInput.tsx';
import { EmptyState, ErrorView, Loading } from '../../components/StatusViews.tsx';
import { formatTime } from '../../lib/format.ts';
import { SafeText } from '../../lib/safeText.tsx';
import { useApi } from '../../lib/useApi.ts';
import { ModuleTable } from './ModuleTable.tsx';
import './projections.css';

function BuiltInList() {
  const { projectionsKey } = useStore();
  const t = useT();
  const list = useApi(() => api.listProjections(), [projectionsKey]);
  if (list.error) return <ErrorView error={list.error} onRetry={list.reload} />;
  if (!list.value) return <Loading />;
  return (
    <table className="mini-table" data-testid="projection-list">
      <thead>
        <tr>
          <th>{t('projections.col.name')}</th>
          <th>{t('projections.col.version')}</th>
          <th>{t('projections.col.from')}</th>
          <th>{t('projections.col.what')}</th>
        </tr>
      </thead>
      <tbody>
        {list.value.map((p) => (
          <tr key={p.name} data-testid="projection-entry" data-name={p.name}>
            <td className="mono">
              <SafeText text={p.name} max={120} />
            </td>
            <td>{p.version}</td>
            <td>{!p.origin || p.origin.kind === 'built-in' ? t('projection.builtIn') : <SafeText text={p.origin.file ?? p.origin.kind} max={200} />}</td>
            <td className="muted">
              <SafeText text={p.description} max={300} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ProjectionsScreen() {
  const { appInfo, projectionsKey } = useStore();
  const t = useT();
  const folder = useApi(() => api.projectionFolder(), [projectionsKey], { keepPrevious: true });
  const [view, setView] = useState<ProjectionFolderView | null>(null);
  const [path, setPath] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<ErrorInfo | null>(null);
  const [reloadedAt, setReloadedAt] = useState<string | null>(null);

  // Every answer (a push after a saved file, or this window's own set/reload) replaces the view.
  useEffect(() => {
    if (folder.value) setView(folder.value);
  }, [folder.value]);
  useEffect(() => {
    if (projectionsKey > 0) setReloadedAt(new Date().toISOString());
  }, [projectionsKey]);
  // The box starts with the folder in use, so it can be edited rather than typed again.
  const current = view?.folder ?? null;
  useEffect(() => {
    if (current) setPath((typed) => typed || current);
  }, [current]);

  async function run(label: string, call: () => Promise<Result<ProjectionFolderView>>) {
    setBusy(label);
    setFailure(null);
    const result = await call();
    setBusy(null);
    if (result.ok) setView(result.value);
    else setFailure(result.error);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const target = path.trim();
    if (!target) {
      setFailure({ code: 'INVALID_INPUT', message: t('projections.typePath') });
      return;
    }
    void run(t('projections.loadingFolder'), () => api.setProjectionFolder({ folder: target }));
  }

  async function choose() {
    setFailure(null);
    const chosen = await api.chooseFolder();
    if (!chosen.ok) return setFailure(chosen.error);
    if (chosen.value.path) {
      setPath(chosen.value.path);
      await run(t('projections.loadingFolder'), () => api.setProjectionFolder({ folder: chosen.value.path }));
    }
  }

  if (folder.error && !view) return <div className="projections-screen"><ErrorView error={folder.error} onRetry={folder.reload} /></div>;
  if (!view) return <Loading label={t('projections.loading')} />;
  return (
    <div className="projections-screen" data-testid="projections-screen">
      <div className="projections-column">
        <section className="card" aria-labelledby="projections-folder-title">
          <header className="card-head">
            <h2 id="projections-folder-title">{t('projections.folder')}</h2>
            {view.watching && (
              <span className="badge badge-running" title={t('projections.hot.title')} data-testid="projections-watching">
                {t('projections.hot')}
              </span>
            )}
            <span className="toolbar-spacer" />
            {reloadedAt && (
              <span className="muted projection-reloaded" data-testid="projections-reloaded">
                {t('projections.updated', { time: formatTime(reloadedAt) })}
              </span>
            )}
          </header>
          <p data-testid="projections-folder">
            {view.folder ? (
              <span className="projection-folder-path">
                <SafeText text={view.folder} max={1000} />
              </span>
            ) : (
              <span className="muted">{t('projections.noFolder')}</span>
            )}
          </p>
          <p className="muted small">
            <Message k="projections.about" components={{ code: <code /> }} />
          </p>
          {view.problem && (
            <p className="integrity-banner" role="alert" data-testid="projections-problem">
              <SafeText text={view.problem} max={1000} />
            </p>
          )}
          {appInfo?.canChooseFiles && (
            <div className="projection-actions">
              <button type="button" className="primary" onClick={() => void choose()} disabled={busy !== null} data-testid="projection-folder-choose">
                {t('projections.choose')}
              </button>
            </div>
          )}
          <form className="projection-folder-form" onSubmit={submit}>
            <label htmlFor="projection-folder-input">{appInfo?.canChooseFiles ? t('projections.orType') : t('projections.pathLabel')}</label>
            <div className="input-row">
              {/* i18n-verbatim: a sample path */}
              <PathInput id="projection-folder-input" placeholder="/home/me/audits/projections" value={path} onChange={setPath} testId="projection-folder-input" />
              <button type="submit" className={appInfo?.canChooseFiles ? '' : 'primary'} disabled={busy !== null} data-testid="projection-folder-set">
                {t('projections.use')}
              </button>
            </div>
          </form>
          <div className="projection-actions">
            <button type="button" onClick={() => void run(t('projections.reloading'), () => api.reloadProjections())} disabled={busy !== null || !view.folder} data-testid="projections-reload">
              {t('projections.reload')}
            </button>
            <button
              type="button"
              onClick={() => {
                setPath('');
                void run(t('projections.leaving'), () => api.setProjectionFolder({ folder: null }));
              }}
              disabled={busy !== null || !view.folder}
              data-testid="projection-folder-clear"
            >
              {t('projections.builtInOnly')}
            </button>
          </div>
          {busy && <Loading label={busy} testId="projections-busy" />}
          {failure && <ErrorView error={failure} testId="projections-error" />}
        </section>
        <section className="card" aria-labelledby="projections-modules-title">
          <header className="card-head">
            <h2 id="projections-modules-title">{t('projections.files')}</h2>
          </header>
          {!view.folder ? (
            <EmptyState title={t('projections.noneChosen')} testId="projection-modules-none">
              {t('projections.noneChosen.body')}
            </EmptyState>
          ) : view.modules.length === 0 ? (
            <EmptyState title={t('projections.empty')} testId="projection-modules-empty">
              <Message k="projections.empty.body" components={{ code: <code /> }} />
            </EmptyState>
          ) : (
            <ModuleTable modules={view.modules} />
          )}
        </section>
        <section className="card" aria-labelledby="projections-all-title">
          <header className="card-head">
            <h2 id="projections-all-title">{t('projections.inUse')}</h2>
          </header>
          <BuiltInList />
        </section>
      </div>
    </div>
  );
}
