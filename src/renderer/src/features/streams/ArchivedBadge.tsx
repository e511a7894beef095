// "archived": a stream the source system marks archived, still shown with all its events.
import { useStore } from '../../app/StoreContext.tsx';
import { archivedTitle } from './archived.ts';
import { useT } from '../../i18n/index.ts';
import './streams.css';

export function ArchivedBadge({ testId = 'stream-archived' }: { testId?: string }) {
  const { store } = useStore();
  const t = useT();
  return (
    <span className="badge badge-archived" title={archivedTitle(store?.info.layout?.name)} data-testid={testId}>
      {t('streams.archived')}
    </span>
  );
}
