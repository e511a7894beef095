// `#/event/<position>`: the event at a global position (a verification finding, a manifest, a
// ticket), opened in its stream. When nothing is there any more, says so instead of guessing.
import { useEffect } from 'react';
import { api } from '../../api.ts';
import { hrefs, navigate } from '../../app/routes.ts';
import { EmptyState, ErrorView, Loading } from '../../components/StatusViews.tsx';
import { formatCount } from '../../lib/format.ts';
import { useApi } from '../../lib/useApi.ts';

export function EventAtPosition({ position }: { position: number }) {
  const event = useApi(() => api.getEvent({ ref: position }), [position]);
  const found = event.value;
  useEffect(() => {
    if (found) navigate(hrefs.stream(found.streamId, found.version), { replace: true });
  }, [found]);
  if (event.error?.code === 'NOT_FOUND')
    return (
      <EmptyState title={`No event at position ${formatCount(position)}`} testId="event-not-found">
        This store holds no event at global position {formatCount(position)}: it was never written, or it was deleted. <a href={hrefs.verify()}>Verify the store</a> to see
        whether its history is intact, or <a href={hrefs.timeline()}>open the timeline</a>.
      </EmptyState>
    );
  if (event.error) return <ErrorView error={event.error} onRetry={event.reload} />;
  return <Loading label={`Finding the event at position ${formatCount(position)}…`} />;
}
