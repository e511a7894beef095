// The history of one field of a stream's state: every event that ever set it, oldest first, with
// before → after and a link to each event. Opened from the blame tree's "history" buttons.
import type { PathSegment } from '../../../../shared/replay.ts';
import { api } from '../../api.ts';
import { ErrorView, Loading } from '../../components/StatusViews.tsx';
import { JsonInline } from '../../components/JsonTree.tsx';
import { formatCount } from '../../lib/format.ts';
import { SafeText } from '../../lib/safeText.tsx';
import { useApi } from '../../lib/useApi.ts';
import { HistoryList } from '../diff/HistoryList.tsx';
import { useStore } from '../../app/StoreContext.tsx';

export function FieldHistoryPanel({ streamId, segments, projection, onClose }: { streamId: string; segments: PathSegment[]; projection: string | null; onClose: () => void }) {
  // A saved projection file (hot reload) gives the field another history: ask again.
  const { projectionsKey } = useStore();
  const history = useApi(() => api.fieldHistory({ streamId, segments, ...(projection ? { projection } : {}) }), [streamId, JSON.stringify(segments), projection, projectionsKey]);
  const value = history.value;
  return (
    <aside className="field-history" aria-label="Field history" data-testid="field-history">
      <div className="field-history-head">
        <h3>
          History of <span className="mono" data-testid="field-history-path">{value ? <SafeText text={value.path} max={300} /> : '…'}</span>
        </h3>
        <span className="toolbar-spacer" />
        <button type="button" className="link-button" onClick={onClose} aria-label="Close the field history">
          close
        </button>
      </div>
      {history.error ? (
        <ErrorView error={history.error} onRetry={history.reload} />
      ) : !value ? (
        <Loading label="Replaying the stream…" />
      ) : (
        <>
          <p className="muted small" data-testid="field-history-summary">
            {value.historyCount === 0 ? 'No event ever set this field: it still holds the initial value.' : `${formatCount(value.historyCount)} event${value.historyCount === 1 ? '' : 's'} set this field`} up to v
            {formatCount(value.upTo)}; now {value.present ? <JsonInline value={value.value} /> : 'absent'}.
          </p>
          <HistoryList history={value.history} count={value.historyCount} streamId={streamId} />
        </>
      )}
    </aside>
  );
}
