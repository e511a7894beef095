// Start: open a store (native dialog in Electron, a path field in browser mode), connect to a
// PostgreSQL database (ConnectionCard), the demo store, recent files, and the facts of the open store. A file that cannot be opened is explained here and
// the previously open store stays open and usable.
import { useT } from '../../i18n/index.ts';
import { useState, type FormEvent } from 'react';
import type { OpenedStore } from '../../../../shared/contract.ts';
import type { ErrorInfo, Result } from '../../../../shared/result.ts';
import { api } from '../../api.ts';
import { hrefs } from '../../app/routes.ts';
import { useStore } from '../../app/StoreContext.tsx';
import { PathInput } from '../../components/PathInput.tsx';
import { ErrorView, Loading } from '../../components/StatusViews.tsx';
import { baseName } from '../../lib/format.ts';
import { SafeText } from '../../lib/safeText.tsx';
import { ConnectionCard } from './ConnectionCard.tsx';
import { RecentStores } from './RecentStores.tsx';
import { StoreFacts } from './StoreFacts.tsx';
import './start.css';

export function StartScreen() {
  const { store, appInfo, setStore, checking } = useStore();
  const t = useT();
  const [path, setPath] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<{ error: ErrorInfo; path: string | null } | null>(null);
  const [recentVersion, setRecentVersion] = useState(0);

  async function run(label: string, target: string | null, open: () => Promise<Result<OpenedStore>>) {
    setBusy(label);
    setFailure(null);
    const result = await open();
    setBusy(null);
    if (result.ok) {
      setStore(result.value);
      setRecentVersion((v) => v + 1);
    } else {
      setFailure({ error: result.error, path: target });
    }
  }

  const openPath = (target: string) => run(t('start.opening', { name: baseName(target) }), target, () => api.openStore({ path: target }));

  async function chooseFile() {
    setFailure(null);
    const chosen = await api.chooseStoreFile();
    if (!chosen.ok) {
      setFailure({ error: chosen.error, path: null });
      return;
    }
    if (chosen.value.path) await openPath(chosen.value.path);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const target = path.trim();
    if (!target) {
      setFailure({ error: { code: 'INVALID_INPUT', message: t('start.typePath') }, path: null });
      return;
    }
    void openPath(target);
  }

  return (
    <div className="start-screen" data-testid="start-screen">
      <div className="start-column">
        <section className="card" aria-labelledby="open-title">
          <header className="card-head">
            <h2 id="open-title">{t('start.open.title')}</h2>
          </header>
          <p className="muted">
            {t('start.open.about')}
          </p>
          {appInfo?.canChooseFiles && (
            <div className="open-actions">
              <button type="button" className="primary" onClick={() => void chooseFile()} disabled={busy !== null} data-testid="choose-file">
                {t('start.choose')}
              </button>
            </div>
          )}
          {/* Browser mode has no file dialog; in Electron a pasted path is often quicker than browsing. */}
          <form className="open-path" onSubmit={submit}>
            <label htmlFor="open-path-input">{appInfo?.canChooseFiles ? t('start.orType') : t('start.pathLabel')}</label>
            <div className="input-row">
              {/* i18n-verbatim: a sample path */}
              <PathInput id="open-path-input" placeholder="/home/me/audits/orders.db" value={path} onChange={setPath} testId="open-path-input" search />
              <button type="submit" className={appInfo?.canChooseFiles ? '' : 'primary'} disabled={busy !== null} data-testid="open-path-submit">
                {t('start.openButton')}
              </button>
            </div>
            {!appInfo?.canChooseFiles && <p className="muted small">{t('start.browserMode')}</p>}
          </form>
          <div className="open-actions">
            <button type="button" onClick={() => void run(t('start.openingDemo'), null, () => api.openDemoStore())} disabled={busy !== null} data-testid="open-demo">
              {t('start.demo')}
            </button>
            <span className="muted small">{t('start.demo.about')}</span>
          </div>
          {busy && <Loading label={busy} testId="open-busy" />}
          {failure && (
            <div data-testid="open-error">
              <ErrorView error={failure.error}>
                {store ? (
                  <span className="muted">
                    {t('start.stillOpen')}<SafeText text={baseName(store.info.path)} />
                  </span>
                ) : null}
              </ErrorView>
            </div>
          )}
        </section>
        <ConnectionCard
          disabled={busy !== null}
          store={store}
          onOpened={(opened) => {
            setFailure(null);
            setStore(opened);
          }}
        />
        <section className="card" aria-labelledby="import-title" data-testid="import-card">
          <header className="card-head">
            <h2 id="import-title">{t('start.import.title')}</h2>
          </header>
          <p className="muted">
            {t('start.import.about')}
          </p>
          <div className="open-actions">
            <a className="button" href={hrefs.import()} data-testid="start-import">
              {t('start.import.button')}
            </a>
          </div>
        </section>
        <RecentStores key={recentVersion} onOpen={(p) => void openPath(p)} disabled={busy !== null} currentPath={store?.info.path ?? null} />
      </div>
      <div className="start-column start-facts">
        {checking ? (
          <Loading />
        ) : store ? (
          <StoreFacts store={store} />
        ) : (
          <section className="card" data-testid="no-store-card">
            <header className="card-head">
              <h2>{t('app.noStore.title')}</h2>
            </header>
            <p className="muted">{t('start.noStore')}</p>
          </section>
        )}
      </div>
    </div>
  );
}
