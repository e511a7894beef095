// The Projections panel: the open store's projections folder (remembered per store), each file in
// it with its facts or its load error, a reload button, and every projection the engine offers.
// Hot reload shows itself: a saved file makes main push `projections/changed` and this re-reads.
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
  const list = useApi(() => api.listProjections(), [projectionsKey]);
  if (list.error) return <ErrorView error={list.error} onRetry={list.reload} />;
  if (!list.value) return <Loading />;
  return (
    <table className="mini-table" data-testid="projection-list">
      <thead>
        <tr>
          <th>Projection</th>
          <th>Version</th>
          <th>From</th>
          <th>What it does</th>
        </tr>
      </thead>
      <tbody>
        {list.value.map((p) => (
          <tr key={p.name} data-testid="projection-entry" data-name={p.name}>
            <td className="mono">
              <SafeText text={p.name} max={120} />
            </td>
            <td>{p.version}</td>
            <td>{!p.origin || p.origin.kind === 'built-in' ? 'built-in' : <SafeText text={p.origin.file ?? p.origin.kind} max={200} />}</td>
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
      setFailure({ code: 'INVALID_INPUT', message: 'Type the full path of a folder of *.projection.js, .ts or .json files first.' });
      return;
    }
    void run('Loading the folder…', () => api.setProjectionFolder({ folder: target }));
  }

  async function choose() {
    setFailure(null);
    const chosen = await api.chooseFolder();
    if (!chosen.ok) return setFailure(chosen.error);
    if (chosen.value.path) {
      setPath(chosen.value.path);
      await run('Loading the folder…', () => api.setProjectionFolder({ folder: chosen.value.path }));
    }
  }

  if (folder.error && !view) return <div className="projections-screen"><ErrorView error={folder.error} onRetry={folder.reload} /></div>;
  if (!view) return <Loading label="Loading the projections folder…" />;
  return (
    <div className="projections-screen" data-testid="projections-screen">
      <div className="projections-column">
        <section className="card" aria-labelledby="projections-folder-title">
          <header className="card-head">
            <h2 id="projections-folder-title">Projections folder</h2>
            {view.watching && (
              <span className="badge badge-running" title="Saving a file in the folder reloads it; open views update by themselves." data-testid="projections-watching">
                hot reload on
              </span>
            )}
            <span className="toolbar-spacer" />
            {reloadedAt && (
              <span className="muted projection-reloaded" data-testid="projections-reloaded">
                updated {formatTime(reloadedAt)}
              </span>
            )}
          </header>
          <p data-testid="projections-folder">
            {view.folder ? (
              <span className="projection-folder-path">
                <SafeText text={view.folder} max={1000} />
              </span>
            ) : (
              <span className="muted">No folder: the built-in projections only.</span>
            )}
          </p>
          <p className="muted small">
            Your team’s projections: <code>*.projection.js</code>, <code>.mjs</code>, <code>.ts</code> modules (each <code>export default</code> a name, version,
            appliesTo, initialState and evolve) and <code>*.projection.json</code> rules. They run sandboxed, apply to their streams ahead of the built-in ones, and
            the folder is remembered for this store in the viewer’s settings (nothing is written beside the store).
          </p>
          {view.problem && (
            <p className="integrity-banner" role="alert" data-testid="projections-problem">
              <SafeText text={view.problem} max={1000} />
            </p>
          )}
          {appInfo?.canChooseFiles && (
            <div className="projection-actions">
              <button type="button" className="primary" onClick={() => void choose()} disabled={busy !== null} data-testid="projection-folder-choose">
                Choose a folder…
              </button>
            </div>
          )}
          <form className="projection-folder-form" onSubmit={submit}>
            <label htmlFor="projection-folder-input">{appInfo?.canChooseFiles ? 'Or type the path of the folder' : 'Path of the folder on this machine'}</label>
            <div className="input-row">
              <PathInput id="projection-folder-input" placeholder="/home/me/audits/projections" value={path} onChange={setPath} testId="projection-folder-input" />
              <button type="submit" className={appInfo?.canChooseFiles ? '' : 'primary'} disabled={busy !== null} data-testid="projection-folder-set">
                Use this folder
              </button>
            </div>
          </form>
          <div className="projection-actions">
            <button type="button" onClick={() => void run('Reloading…', () => api.reloadProjections())} disabled={busy !== null || !view.folder} data-testid="projections-reload">
              Reload
            </button>
            <button
              type="button"
              onClick={() => {
                setPath('');
                void run('Leaving the folder…', () => api.setProjectionFolder({ folder: null }));
              }}
              disabled={busy !== null || !view.folder}
              data-testid="projection-folder-clear"
            >
              Built-in projections only
            </button>
          </div>
          {busy && <Loading label={busy} testId="projections-busy" />}
          {failure && <ErrorView error={failure} testId="projections-error" />}
        </section>
        <section className="card" aria-labelledby="projections-modules-title">
          <header className="card-head">
            <h2 id="projections-modules-title">Files in the folder</h2>
          </header>
          {!view.folder ? (
            <EmptyState title="No folder chosen" testId="projection-modules-none">
              Choose a folder above to load its projections.
            </EmptyState>
          ) : view.modules.length === 0 ? (
            <EmptyState title="No projection files here" testId="projection-modules-empty">
              The folder holds no <code>*.projection.js</code>, <code>.mjs</code>, <code>.ts</code> or <code>.json</code> file yet.
            </EmptyState>
          ) : (
            <ModuleTable modules={view.modules} />
          )}
        </section>
        <section className="card" aria-labelledby="projections-all-title">
          <header className="card-head">
            <h2 id="projections-all-title">Projections in use</h2>
          </header>
          <BuiltInList />
        </section>
      </div>
    </div>
  );
}
