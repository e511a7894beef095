// The archived marker's wording, shared by the streams list and the stream header. Archived streams
// stay visible: the source system only marks them, and an audit must still see their history.
import { t } from '../../i18n/index.ts';

/** The marker's tooltip, naming the layout's own flag when known. */
export function archivedTitle(layoutName?: string | null): string {
  const flag = layoutName === 'Marten' || layoutName === 'Emmett PostgreSQL' ? t('streams.archived.flag', { layout: layoutName }) : '';
  return t('streams.archived.title', { flag });
}
