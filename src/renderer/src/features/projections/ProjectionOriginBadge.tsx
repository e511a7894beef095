// Where the projection in use comes from: the viewer's own (built-in) or a file of the projections
// folder (a link to the panel, where its load facts are).
import { useT } from '../../i18n/index.ts';
import type { ProjectionInfo } from '../../../../shared/replay.ts';
import { hrefs } from '../../app/routes.ts';
import { SafeText } from '../../lib/safeText.tsx';
import './projections.css';

export function ProjectionOriginBadge({ projection }: { projection: ProjectionInfo }) {
  const t = useT();
  const origin = projection.origin;
  if (!origin || origin.kind === 'built-in') {
    return (
      <span className="badge projection-origin" title={projection.description} data-testid="projection-origin" data-origin="built-in">
        {t('projection.badge.builtIn', { name: projection.name, version: projection.version })}
      </span>
    );
  }
  return (
    <a
      href={hrefs.projections()}
      className="badge projection-origin projection-origin-file"
      title={`${projection.description ? `${projection.description} — ` : ''}${t('projection.badge.fromFolder')}${origin.contentHash ? t('projection.badge.content', { hash: origin.contentHash }) : ''}`}
      data-testid="projection-origin"
      data-origin={origin.kind}
    >
      <SafeText text={projection.name} max={80} /> {t('common.v', { version: projection.version })} · <SafeText text={origin.file ?? t('projection.badge.folder')} max={120} />
    </a>
  );
}
