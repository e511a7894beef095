// Where the projection in use comes from: the viewer's own (built-in) or a file of the projections
// folder (a link to the panel, where its load facts are).
import type { ProjectionInfo } from '../../../../shared/replay.ts';
import { hrefs } from '../../app/routes.ts';
import { SafeText } from '../../lib/safeText.tsx';
import './projections.css';

export function ProjectionOriginBadge({ projection }: { projection: ProjectionInfo }) {
  const origin = projection.origin;
  if (!origin || origin.kind === 'built-in') {
    return (
      <span className="badge projection-origin" title={projection.description} data-testid="projection-origin" data-origin="built-in">
        {projection.name} v{projection.version} · built-in
      </span>
    );
  }
  return (
    <a
      href={hrefs.projections()}
      className="badge projection-origin projection-origin-file"
      title={`${projection.description ? `${projection.description} — ` : ''}from the projections folder${origin.contentHash ? ` (content ${origin.contentHash})` : ''}`}
      data-testid="projection-origin"
      data-origin={origin.kind}
    >
      <SafeText text={projection.name} max={80} /> v{projection.version} · <SafeText text={origin.file ?? 'projections folder'} max={120} />
    </a>
  );
}
