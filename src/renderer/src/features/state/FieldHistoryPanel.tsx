// The history of one field of a stream's state: every event that ever set it, oldest first, with
// before → after and a link to each event. Opened from the blame tree's "history" buttons.
import type { PathSegment } from '../../../../shared/replay.ts';
import { api } from '../../api.ts';
import { ErrorView, Loading } from '../../components/StatusViews.tsx';
import { useT } from '../../i18n/index.ts';
import { Message } from '../../i18n/Message.tsx';
import { SafeText } from '../../lib/safeText.tsx';
import { useApi } from '../../lib/useApi.ts';
import { FieldHistoryView } from './FieldHistoryView.tsx';
import { useStore } from '../../app/StoreContext.tsx';

export function FieldHistoryPanel({ streamId, segments, projection, onClose }: { streamId: string; segments: PathSegment[]; projection: string | null; onClose: () => void }) {
  const t = useT();
  // A saved projection file (hot reload) gives the field another history: ask again.
  const { projectionsKey } = useStore();
  const history = useApi(() => api.fieldHistory({ streamId, segments, ...(projection ? { projection } : {}) }), [streamId, JSON.stringify(segments), projection, projectionsKey]);
  const value = history.value;
  return (
    <aside className="field-history" aria-label={t('fieldHistory.label')} data-testid="field-history">
      <div className="field-history-head">
        <h3>
          <Message
            k="fieldHistory.title"
            components={{
              path: (
                <span className="mono" data-testid="field-history-path">
                  {value ? <SafeText text={value.path} max={300} /> : '…'}
                </span>
              ),
            }}
          />
        </h3>
        <span className="toolbar-spacer" />
        <button type="button" className="link-button" onClick={onClose} aria-label={t('fieldHistory.close.label')}>
          {t('fieldHistory.close')}
        </button>
      </div>
      {history.error ? (
        <ErrorView error={history.error} onRetry={history.reload} />
      ) : !value ? (
        <Loading label={t('fieldHistory.replaying')} />
      ) : (
        <FieldHistoryView value={value} streamId={streamId} />
      )}
    </aside>
  );
}
