// A fold that stopped on an event ("interrupted at v17 by …", as Redux DevTools shows a reducer
// that threw): what failed, where in the projection's file, and a link to the event. The state
// shown below it is the last good one, before that event.
import type { Interruption } from '../../../../shared/projections.ts';
import { hrefs } from '../../app/routes.ts';
import { formatCount } from '../../lib/format.ts';
import { SafeText } from '../../lib/safeText.tsx';
import { failureKindText, failureWhere } from './failureText.ts';
import './projections.css';

export function InterruptedBanner({ streamId, interrupted, what = 'The state shown' }: { streamId: string; interrupted: Interruption; what?: string }) {
  const where = failureWhere(interrupted.failure);
  return (
    <div className="interrupted-banner" role="alert" data-testid="state-interrupted" data-version={interrupted.version} data-kind={interrupted.failure.kind}>
      <strong>
        Interrupted at{' '}
        <a href={hrefs.stream(streamId, interrupted.version)} data-testid="state-interrupted-link">
          v{formatCount(interrupted.version)}
        </a>{' '}
        by <SafeText text={interrupted.type} max={120} />:
      </strong>{' '}
      <span data-testid="state-interrupted-message">
        <SafeText text={interrupted.failure.message} max={1000} />
      </span>
      {where && (
        <>
          {' '}
          (<span className="mono" data-testid="state-interrupted-where"><SafeText text={where} max={300} /></span>)
        </>
      )}
      <div className="muted small">
        The projection <SafeText text={interrupted.projection} max={80} /> {failureKindText(interrupted.failure.kind)} on this event. {what} is the last good state, after v
        {formatCount(Math.max(0, interrupted.version - 1))}; the rest of the app keeps working.
      </div>
    </div>
  );
}
