// A fold that stopped on an event ("interrupted at v17 by …", as Redux DevTools shows a reducer
// that threw): what failed, where in the projection's file, and a link to the event. The state
// shown below it is the last good one, before that event.
import { useT } from '../../i18n/index.ts';
import { Message } from '../../i18n/Message.tsx';
import type { Interruption } from '../../../../shared/projections.ts';
import { hrefs } from '../../app/routes.ts';
import { formatCount } from '../../lib/format.ts';
import { SafeText } from '../../lib/safeText.tsx';
import { failureKindText, failureText, failureWhere } from './failureText.ts';
import './projections.css';

export function InterruptedBanner({ streamId, interrupted, what }: { streamId: string; interrupted: Interruption; what?: string }) {
  const t = useT();
  const where = failureWhere(interrupted.failure);
  return (
    <div className="interrupted-banner" role="alert" data-testid="state-interrupted" data-version={interrupted.version} data-kind={interrupted.failure.kind}>
      <strong>
        <Message
          k="projection.interrupted"
          values={{ version: interrupted.version }}
          components={{ event: <a href={hrefs.stream(streamId, interrupted.version)} data-testid="state-interrupted-link" />, type: <SafeText text={interrupted.type} max={120} /> }}
        />
      </strong>{' '}
      <span data-testid="state-interrupted-message">
        <SafeText text={failureText(interrupted.failure)} max={1000} />
      </span>
      {where && (
        <>
          {' '}
          (<span className="mono" data-testid="state-interrupted-where"><SafeText text={where} max={300} /></span>)
        </>
      )}
      <div className="muted small">
        <Message
          k="projection.interrupted.detail"
          values={{ kind: failureKindText(interrupted.failure.kind), what: what ?? t('projection.theStateShown'), version: Math.max(0, interrupted.version - 1) }}
          components={{ name: <SafeText text={interrupted.projection} max={80} /> }}
        />
      </div>
    </div>
  );
}
