// Recently opened PostgreSQL connections (kept by main, never with a clear-text password): a click
// fills the form, "Forget" removes the entry and any saved password with it.
import { useState } from 'react';
import type { RecentConnection } from '../../../../shared/contract.ts';
import type { ErrorInfo } from '../../../../shared/result.ts';
import { api } from '../../api.ts';
import { ErrorView, Loading } from '../../components/StatusViews.tsx';
import { formatTime } from '../../lib/format.ts';
import { SafeText } from '../../lib/safeText.tsx';
import { useApi } from '../../lib/useApi.ts';

export function RecentConnections({ onPick, disabled, selectedId }: { onPick: (entry: RecentConnection) => void; disabled: boolean; selectedId: string | null }) {
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
        Connections you open are remembered here (without the password unless you ask).
      </p>
    );
  }
  return (
    <div data-testid="recent-connections">
      <h3 className="connection-subtitle" id="recent-connections-title">
        Recent connections
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
              title={`Fill the form with ${entry.label}`}
            >
              <span className="mono break">
                <SafeText text={entry.label} max={300} />
              </span>
              <span className="recent-meta">
                {entry.hasSavedPassword ? <span className="badge">password saved (encrypted)</span> : <span className="badge">no saved password</span>}
                {entry.sslMode && <span className="badge">ssl {entry.sslMode}</span>}
                <span className="muted small">opened {formatTime(entry.lastOpenedAt)}</span>
              </span>
            </button>
            <button type="button" className="forget-button" onClick={() => void forget(entry)} disabled={disabled} aria-label={`Forget ${entry.label}`} data-testid="forget-connection">
              Forget
            </button>
          </li>
        ))}
      </ul>
      {forgetError && <ErrorView error={forgetError} />}
    </div>
  );
}
