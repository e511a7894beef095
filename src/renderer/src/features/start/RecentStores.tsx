// Recently opened files (kept by main); a file that has since moved is shown but cannot be opened.
import { useT } from '../../i18n/index.ts';
import { api } from '../../api.ts';
import { ErrorView, Loading } from '../../components/StatusViews.tsx';
import { formatTime } from '../../lib/format.ts';
import { useApi } from '../../lib/useApi.ts';
import { SafeText } from '../../lib/safeText.tsx';

export function RecentStores({ onOpen, disabled, currentPath }: { onOpen: (path: string) => void; disabled: boolean; currentPath: string | null }) {
  const t = useT();
  const recent = useApi(() => api.recentStores(), []);
  return (
    <section className="card" aria-labelledby="recent-title" data-testid="recent-stores">
      <header className="card-head">
        <h2 id="recent-title">{t('recent.files')}</h2>
      </header>
      {recent.loading && !recent.value ? (
        <Loading />
      ) : recent.error ? (
        <ErrorView error={recent.error} onRetry={recent.reload} />
      ) : !recent.value || recent.value.length === 0 ? (
        <p className="muted" data-testid="recent-empty">
          {t('recent.files.empty')}
        </p>
      ) : (
        <ul className="recent-list">
          {recent.value.map((entry) => (
            <li key={entry.path}>
              <button
                type="button"
                className="recent-item"
                disabled={disabled || !entry.exists}
                onClick={() => onOpen(entry.path)}
                title={entry.exists ? t('recent.open', { path: entry.path }) : t('recent.gone')}
                data-testid="recent-store"
              >
                <span className="mono break">
                  <SafeText text={entry.path} max={300} />
                </span>
                <span className="recent-meta">
                  {entry.path === currentPath && <span className="badge">{t('recent.isOpen')}</span>}
                  {!entry.exists && <span className="badge badge-warning">{t('recent.missing')}</span>}
                  <span className="muted small">{t('recent.opened', { time: formatTime(entry.openedAt) })}</span>
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
