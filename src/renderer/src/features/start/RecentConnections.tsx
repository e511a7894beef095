// Recently opened PostgreSQL connections (kept by main, never with a clear-text password): a click
// fills the form, "Forget" removes the entry and any saved password with it.
import { useT } from '../../i18n/index.ts';
import { useState } from 'react';
import type { RecentConnection } from '../../../../shared/contract.ts';
import type { ErrorInfo } from '../../../../shared/result.ts';
import { api } from '../../api.ts';
import { ErrorView, Loading } from '../../components/StatusViews.tsx';
import { formatTime } from '../../lib/format.ts';
import { SafeText } from '../../lib/safeText.tsx';
import { useApi } from '../../lib/useApi.ts';

export function RecentConnections({ onPick, disabled, selectedId }: { onPick: (entry: RecentConnection) => void; disabled: boolean; selectedId: string | null }) {
  const t = useT();
  const recent = useApi(() => api.recentConnections(), []);
  const [forgetError, setForgetError] = useState<ErrorInfo | null>(null);

  async function forget(entry: RecentConnection) {
    setForgetError(null);
    const result = await api.forgetConnection({ id: entry.id });
    if (!result.ok) setForgetError(result.error);
    recent.reload();
  }

  if (recent.loading && !recent.value) return <Loading />;
  if (recent.error) return <ErrorView error={recent.error} onRetry={recent.reload} />;
  if (!recent.value || recent.value.length === 0) {
    return (
      <p className="muted small" data-testid="recent-connections-empty">
        {t('recent.connections.empty')}
      </p>
    );
  }
  return (
    <div data-testid="recent-connections">
      <h3 className="connection-subtitle" id="recent-connections-title">
        {t('recent.connections')}
      </h3>
      <ul className="recent-list" aria-labelledby="recent-connections-title">
        {recent.value.map((entry) => (
          <li key={entry.id} className="recent-connection" data-testid="recent-connection" data-label={entry.label}>
            <button
              type="button"
              className="recent-item"
              disabled={disabled}
              onClick={() => onPick(entry)}
              aria-pressed={entry.id === selectedId}
              title={t('recent.fill', { label: entry.label })}
            >
              <span className="mono break">
                <SafeText text={entry.label} max={300} />
              </span>
              <span className="recent-meta">
                {entry.hasSavedPassword ? <span className="badge">{t('recent.password.saved')}</span> : <span className="badge">{t('recent.password.none')}</span>}
                {entry.sslMode && <span className="badge">{t('recent.ssl', { mode: entry.sslMode })}</span>}
                <span className="muted small">{t('recent.opened', { time: formatTime(entry.lastOpenedAt) })}</span>
              </span>
            </button>
            <button type="button" className="forget-button" onClick={() => void forget(entry)} disabled={disabled} aria-label={t('recent.forget.label', { label: entry.label })} data-testid="forget-connection">
              {t('recent.forget')}
            </button>
          </li>
        ))}
      </ul>
      {forgetError && <ErrorView error={forgetError} />}
    </div>
  );
}
